package io.jenkins.plugins.mlops.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes that are all or nothing: a temporary file beside the target, forced to disk, then
 * renamed over it. A reader sees the old file or the new one, never half of either.
 */
public final class AtomicFiles {

    /** Writes the body of a file to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Distinct within this process; with the pid and a random part, distinct from other writers' temp files. */
    private static final AtomicLong TEMPS = new AtomicLong();

    /**
     * A temporary name that no other writer uses (CREATE_NEW refuses a clash anyway). Not a random
     * UUID: its SecureRandom took tens of milliseconds to seed in every fresh CLI process.
     */
    private static String tempSuffix() {
        return ProcessHandle.current().pid() + "-" + TEMPS.incrementAndGet() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    public static void write(Path target, byte[] content) {
        write(target, out -> out.write(content));
    }

    public static void writeString(Path target, String content) {
        write(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Serializes {@code value} as JSON into {@code target} atomically. */
    public static void writeJson(Path target, Object value, boolean pretty) {
        write(target, out -> {
            if (pretty) {
                Json.mapper().writerWithDefaultPrettyPrinter().writeValue(out, value);
            } else {
                Json.mapper().writeValue(out, value);
            }
        });
    }

    public static void write(Path target, Writer body) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + ".tmp-" + tempSuffix());
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = new BufferedOutputStream(new NonClosingChannelStream(channel), 1 << 16)) {
                body.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the temp file is hidden and named as such; a later write does not depend on it
            }
        }
    }

    /** Lets the channel be forced after the buffered stream has flushed, then closed by its owner. */
    private static final class NonClosingChannelStream extends OutputStream {
        private final FileChannel channel;

        NonClosingChannelStream(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() {
            // the channel is closed by the try-with-resources that opened it
        }
    }
}
