package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.io.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Content-addressed files: {@code ROOT/sha256/ab/abcdef...}. A put reads the source once, hashing
 * and writing the same bytes (the write runs on a second thread, overlapping the hash, each chunk
 * at its own offset) into a temporary file, reads that file back after fsync and hashes it, and
 * renames it into place only when it matches, so a reader (or a crash) never sees half a blob or
 * wrong bytes. Every read hashes what it hands out and refuses bytes that do not match.
 */
public final class BlobStore {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final String LOCK_FILE = "gc.lock";
    private static final int CHUNK = 4 << 20;
    /** Files up to this size are hashed in memory before anything is written. */
    private static final long SMALL = 8 << 20;
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "mlops-blob-writer");
        t.setDaemon(true);
        return t;
    });

    private final Path root;
    /** Test hook: runs on the temporary file after it is written and before it is read back. */
    private volatile Consumer<Path> afterWrite = temp -> { };

    public BlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    void afterWrite(Consumer<Path> hook) {
        this.afterWrite = hook == null ? temp -> { } : hook;
    }

    public Path pathOf(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw BadInputException.at("blob", 0, "'" + sha256 + "' is not a sha256 hash", "give 64 lower-case hex digits");
        }
        return root.resolve("sha256").resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    public boolean contains(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    /** Held shared by a publish (blobs put, version not yet committed), exclusive by gc and repair. */
    BlobLock.Held sharedLock() throws IOException {
        return BlobLock.of(root.resolve(LOCK_FILE)).shared();
    }

    BlobLock.Held exclusiveLock() throws IOException {
        return BlobLock.of(root.resolve(LOCK_FILE)).exclusive();
    }

    /** The names (hashes) of every stored blob. */
    List<String> storedHashes() {
        Path dir = root.resolve("sha256");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir, 2)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && isBlobName(p))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the blobs in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code sha256/ab/abcdef...}: a hash, in the directory of its first two digits. */
    private static boolean isBlobName(Path p) {
        String name = p.getFileName().toString();
        return SHA256.matcher(name).matches() && p.getParent().getFileName().toString().equals(name.substring(0, 2));
    }

    /** What the stored blob's bytes hash to now (its name, unless it was damaged). */
    String rehash(String sha256) {
        return Hashing.sha256(pathOf(sha256));
    }

    long size(String sha256) {
        try {
            return Files.size(pathOf(sha256));
        } catch (IOException e) {
            return 0;
        }
    }

    void delete(String sha256) {
        try {
            Files.deleteIfExists(pathOf(sha256));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete blob " + pathOf(sha256) + ": " + e.getMessage(), e);
        }
    }

    /** Files of puts that never finished ({@code tmp/*.part}: a killed publish leaves them). */
    List<Path> parts() {
        Path dir = root.resolve("tmp");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().endsWith(".part")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stores {@code source} and returns its hash and size; storing the same content twice keeps one
     * copy. What reached the disk is read back and hashed before it is moved into place: bytes that
     * differ from the source are refused ({@link CorruptBlobException}) and nothing is stored. A
     * blob already stored under the same hash is kept only if its bytes still match; a damaged one
     * is replaced by the new copy.
     */
    public BlobRef put(Path source, String logicalPath) {
        Path tmpDir = root.resolve("tmp");
        Path temp = tmpDir.resolve(UUID.randomUUID() + ".part");
        try {
            Files.createDirectories(tmpDir);
            if (Files.size(source) <= SMALL) {
                byte[] content = Files.readAllBytes(source);
                String hash = Hashing.sha256(content);
                Path target = pathOf(hash);
                // small file: hash first, so an unchanged file costs no write and no fsync
                if (!holds(target, hash, content.length)) {
                    try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                        ByteBuffer b = ByteBuffer.wrap(content);
                        while (b.hasRemaining()) {
                            out.write(b, b.position());
                        }
                        out.force(true);
                    }
                    checkWritten(temp, hash, content.length, source);
                    Files.createDirectories(target.getParent());
                    moveIntoPlace(temp, target);
                }
                return new BlobRef(logicalPath, hash, content.length);
            }
            MessageDigest digest = Hashing.newSha256();
            long bytes = copyHashing(source, temp, digest);
            String hash = HexFormat.of().formatHex(digest.digest());
            checkWritten(temp, hash, bytes, source);
            Path target = pathOf(hash);
            Files.createDirectories(target.getParent());
            // replaces a blob of the same name too: the new copy is verified, the old one may be damaged
            moveIntoPlace(temp, target);
            return new BlobRef(logicalPath, hash, bytes);
        } catch (NoSuchFileException e) {
            throw BadInputException.at(source, 0, "file not found", "check the model path");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store " + source + " in " + root + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover *.part is never read; 'mlops registry gc' removes it
            }
        }
    }

    /** True when {@code target} exists and its bytes hash to {@code sha256} (a stored blob may have been damaged since). */
    private static boolean holds(Path target, String sha256, long bytes) throws IOException {
        return Files.isRegularFile(target) && Files.size(target) == bytes && Hashing.sha256(target).equals(sha256);
    }

    /** Reads back what reached the disk (after fsync) and refuses it unless it is the source's bytes. */
    private void checkWritten(Path temp, String expected, long bytes, Path source) throws IOException {
        afterWrite.accept(temp);
        long written = Files.size(temp);
        String actual = Hashing.sha256(temp);
        if (written != bytes || !actual.equals(expected)) {
            throw new CorruptBlobException("storing " + source + ": the copy written to " + root + " reads back as "
                    + written + " bytes hashing to " + actual + ", but the source has " + bytes + " bytes hashing to "
                    + expected + "; nothing was stored. Fix: check the disk holding " + root
                    + " (free space, errors in the system log), then publish again");
        }
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * One pass over the source: chunk k is written by a writer thread while the caller hashes it;
     * a chunk's buffer is reused only after both are done with it. Each chunk is written at its
     * own offset (a positional write), so the two chunks in flight may be written in either order,
     * or at once, and still land where they belong.
     */
    private static long copyHashing(Path source, Path temp, MessageDigest digest) throws IOException {
        ByteBuffer[] buffers = {ByteBuffer.allocateDirect(CHUNK), ByteBuffer.allocateDirect(CHUNK)};
        byte[] heap = new byte[CHUNK];
        @SuppressWarnings("unchecked")
        Future<?>[] writes = new Future<?>[2];
        long total = 0;
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            try {
                int slot = 0;
                while (true) {
                    await(writes[slot]);
                    writes[slot] = null;
                    ByteBuffer buffer = buffers[slot];
                    buffer.clear();
                    int read = readFully(in, buffer);
                    if (read <= 0) {
                        break;
                    }
                    buffer.flip();
                    ByteBuffer toWrite = buffer.duplicate();
                    long offset = total;
                    writes[slot] = WRITERS.submit(() -> {
                        while (toWrite.hasRemaining()) {
                            out.write(toWrite, offset + toWrite.position());
                        }
                        return null;
                    });
                    buffer.get(heap, 0, read);
                    digest.update(heap, 0, read);
                    total += read;
                    slot = 1 - slot;
                }
                await(writes[0]);
                await(writes[1]);
            } finally {
                // never close the channel under a write still running (a failed read gets here early)
                awaitQuietly(writes[0]);
                awaitQuietly(writes[1]);
            }
            out.force(true);
        }
        return total;
    }

    private static void awaitQuietly(Future<?> write) {
        try {
            await(write);
        } catch (IOException ignored) {
            // reported by the first await, or the blob is refused anyway
        }
    }

    private static int readFully(FileChannel in, ByteBuffer buffer) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = in.read(buffer);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
        }
        return total;
    }

    private static void await(Future<?> write) throws IOException {
        if (write == null) {
            return;
        }
        try {
            write.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing a blob", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Hashes the stored blob and throws {@link CorruptBlobException} unless it matches its name. */
    public void verify(String sha256, String what) {
        try (InputStream in = open(sha256, what)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + sha256 + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies a blob to {@code target} (atomically: a temp file renamed at the end), refusing it if
     * its bytes do not hash to its name; on refusal nothing is left at {@code target}.
     */
    public void copyTo(String sha256, Path target, String what) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = dir.resolve("." + target.getFileName() + ".part-" + UUID.randomUUID());
        try {
            Files.createDirectories(dir);
            try (InputStream in = open(sha256, what); OutputStream out = Files.newOutputStream(temp,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy blob " + sha256 + " to " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // hidden leftover; harmless
            }
        }
    }

    /** A stream over the blob that, at its end, throws {@link CorruptBlobException} if the bytes did not match. */
    public InputStream open(String sha256, String what) {
        Path path = pathOf(sha256);
        try {
            return new VerifyingInputStream(Files.newInputStream(path), sha256, what, path);
        } catch (NoSuchFileException e) {
            throw new CorruptBlobException(what + ": blob " + sha256 + " is missing from " + root
                    + ". Fix: restore the blob store from a backup, or publish the model again as a new version");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blob " + path + ": " + e.getMessage(), e);
        }
    }

    private static final class VerifyingInputStream extends InputStream {
        private final InputStream in;
        private final MessageDigest digest = Hashing.newSha256();
        private final String expected;
        private final String what;
        private final Path path;
        private boolean checked;

        VerifyingInputStream(InputStream in, String expected, String what, Path path) {
            this.in = in;
            this.expected = expected;
            this.what = what;
            this.path = path;
        }

        @Override
        public int read() throws IOException {
            return SingleByteRead.of(this);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
            } else if (n < 0 && !checked) {
                checked = true;
                String actual = HexFormat.of().formatHex(digest.digest());
                if (!actual.equals(expected)) {
                    throw new CorruptBlobException(what + ": blob " + path + " was altered: its bytes hash to "
                            + actual + " but the registry recorded " + expected + "; refusing to hand it out. Fix: "
                            + "restore the blob from a backup, or publish the model again as a new version");
                }
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
