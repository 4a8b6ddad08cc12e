package io.jenkins.plugins.mlops.core.track.ingest;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The TFRecord framing of a TensorBoard event file, record after record: a little-endian uint64
 * length, the masked CRC-32C of those 8 bytes, the data, the masked CRC-32C of the data. The file
 * is read through one reusable buffer (a 1,000,000-event file is never held whole), and each
 * record's data is handed over in place.
 *
 * <p>A file that stops inside a record is one still being written (TensorBoard's own reader waits
 * for the rest): {@link #read} returns the offset of that partial record. A checksum that does
 * not match anywhere else is a damaged file and an error naming the offset.
 */
final class TfRecordReader {
    private static final int MASK_DELTA = 0xa282ead8;
    private static final int HEADER = 12;
    private static final int FOOTER = 4;

    /** Receives one record's data: {@code buffer[from, from + length)}, starting at byte {@code offset} of the file. */
    interface RecordHandler {
        void record(byte[] buffer, int from, int length, long offset);
    }

    /** How a file ended: every record whole, or a partial record from {@code partialAt} on. */
    record Outcome(long records, long partialAt) {
        boolean partial() {
            return partialAt >= 0;
        }
    }

    private final Path file;
    private final CRC32C crc = new CRC32C();
    private byte[] buffer = new byte[1 << 20];
    private int position;
    private int limit;
    private long bufferStart; // the file offset of buffer[0]
    private boolean endOfFile;

    private TfRecordReader(Path file) {
        this.file = file;
    }

    static Outcome read(Path file, RecordHandler handler) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return new TfRecordReader(file).readAll(channel, handler);
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the path");
        }
    }

    private Outcome readAll(FileChannel channel, RecordHandler handler) throws IOException {
        long records = 0;
        while (true) {
            long offset = bufferStart + position;
            if (!fill(channel, HEADER)) {
                return new Outcome(records, limit > position ? offset : -1);
            }
            long length = littleEndianLong(buffer, position);
            if (masked(position, 8) != littleEndianInt(buffer, position + 8)) {
                throw damaged(offset, "the checksum of the record's length does not match");
            }
            if (length < 0 || length > Integer.MAX_VALUE - HEADER - FOOTER) {
                throw damaged(offset, "the record claims " + Long.toUnsignedString(length) + " bytes");
            }
            int size = HEADER + (int) length + FOOTER;
            if (!fill(channel, size)) {
                return new Outcome(records, offset);
            }
            int data = position + HEADER;
            if (masked(data, (int) length) != littleEndianInt(buffer, data + (int) length)) {
                throw damaged(offset, "the checksum of the record's data does not match");
            }
            handler.record(buffer, data, (int) length, offset);
            position += size;
            records++;
        }
    }

    /** Makes {@code needed} bytes available from {@link #position}; false when the file ends first. */
    private boolean fill(FileChannel channel, int needed) throws IOException {
        if (limit - position >= needed) {
            return true;
        }
        if (position > 0) { // keep the unread tail at the front
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            bufferStart += position;
            limit -= position;
            position = 0;
        }
        if (needed > buffer.length) {
            byte[] larger = new byte[Math.max(needed, buffer.length * 2)];
            System.arraycopy(buffer, 0, larger, 0, limit);
            buffer = larger;
        }
        while (limit < needed && !endOfFile) {
            int n = channel.read(ByteBuffer.wrap(buffer, limit, buffer.length - limit));
            if (n < 0) {
                endOfFile = true;
            } else {
                limit += n;
            }
        }
        return limit - position >= needed;
    }

    /** TFRecord's masked CRC-32C: the checksum rotated right by 15 bits plus a constant. */
    private int masked(int from, int length) {
        crc.reset();
        crc.update(buffer, from, length);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + MASK_DELTA;
    }

    private BadInputException damaged(long offset, String what) {
        return BadInputException.at(file, 0, "the TensorBoard event file is damaged at byte offset " + offset + ": "
                + what, "write the log again (only the last record of a file still being written may be cut short)");
    }

    static long littleEndianLong(byte[] b, int at) {
        return (littleEndianInt(b, at) & 0xFFFFFFFFL) | ((long) littleEndianInt(b, at + 4) << 32);
    }

    static int littleEndianInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
