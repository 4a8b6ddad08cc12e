package io.jenkins.plugins.mlops.core.io;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one check that a text file people wrote is UTF-8: a Latin-1 or binary file is refused with
 * its line and byte, instead of being read with U+FFFD in place of what the bytes meant.
 */
public final class Utf8Text {
    private static final String FIX = "convert the file to UTF-8, e.g. iconv -f LATIN1 -t UTF-8";

    private Utf8Text() {
    }

    /** Refuses {@code bytes} (the whole content of {@code file}) unless they are UTF-8. */
    public static void check(Path file, byte[] bytes) {
        Checker checker = new Checker(file);
        checker.feed(bytes, bytes.length, true);
    }

    /** Refuses {@code file} unless it is UTF-8, reading it in 64 KB pieces. */
    public static void check(Path file) {
        Checker checker = new Checker(file);
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                checker.feed(buffer, n, n < buffer.length);
                if (n < buffer.length) {
                    return;
                }
            }
            checker.feed(buffer, 0, true);
        } catch (NoSuchFileException e) {
            throw BadInputException.at(file, 0, "file not found", "check the path");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes pieces in turn, keeping a split character's first bytes for the next piece. */
    private static final class Checker {
        private final Path file;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final CharBuffer sink = CharBuffer.allocate(1 << 16);
        private byte[] carry = new byte[0];
        private long offset;
        private long line = 1;

        Checker(Path file) {
            this.file = file;
        }

        void feed(byte[] bytes, int length, boolean last) {
            byte[] joined = new byte[carry.length + length];
            System.arraycopy(carry, 0, joined, 0, carry.length);
            System.arraycopy(bytes, 0, joined, carry.length, length);
            ByteBuffer in = ByteBuffer.wrap(joined);
            while (true) {
                int before = in.position();
                CoderResult result = decoder.decode(in, sink, last);
                countLines(joined, before, in.position());
                sink.clear();
                if (result.isError()) {
                    int at = in.position();
                    throw BadInputException.at(file, line, "is not UTF-8 text (invalid byte 0x"
                            + String.format("%02x", joined[at] & 0xff) + " at byte " + (offset + at) + ")", FIX);
                }
                if (result.isUnderflow()) {
                    break;
                }
            }
            if (last && in.hasRemaining()) {
                throw BadInputException.at(file, line, "is not UTF-8 text (it ends inside a character)", FIX);
            }
            offset += in.position();
            carry = new byte[in.remaining()];
            in.get(carry);
        }

        private void countLines(byte[] bytes, int from, int to) {
            for (int i = from; i < to; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
        }
    }
}
