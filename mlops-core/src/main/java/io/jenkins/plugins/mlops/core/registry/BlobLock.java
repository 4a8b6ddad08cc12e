package io.jenkins.plugins.mlops.core.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The blob store's lock ({@code blobs/gc.lock}). A publish holds it shared from before its first
 * blob is written until its version is committed (or refused), so the blobs it wrote are never
 * unreferenced while it still means to name them; gc and repair hold it exclusive while they
 * delete. An OS file lock covers other processes (the kernel drops it when its holder dies, even
 * by SIGKILL); a read-write lock covers threads, since one JVM may hold only one OS lock per file.
 */
final class BlobLock {
    private static final Map<Path, BlobLock> LOCKS = new ConcurrentHashMap<>();

    private final Path file;
    private final ReentrantReadWriteLock threads = new ReentrantReadWriteLock();
    /** Threads of this JVM holding it shared; the first takes the OS lock, the last drops it. */
    private int sharedHolders;
    private FileChannel sharedChannel;

    /** Held until closed. */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private BlobLock(Path file) {
        this.file = file;
    }

    static BlobLock of(Path file) {
        return LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), BlobLock::new);
    }

    Held shared() throws IOException {
        threads.readLock().lock();
        try {
            synchronized (this) {
                if (sharedHolders == 0) {
                    sharedChannel = lockedChannel(true);
                }
                sharedHolders++;
            }
        } catch (IOException | RuntimeException e) {
            threads.readLock().unlock();
            throw e;
        }
        return () -> {
            synchronized (this) {
                if (--sharedHolders == 0) {
                    closeQuietly(sharedChannel);
                    sharedChannel = null;
                }
            }
            threads.readLock().unlock();
        };
    }

    Held exclusive() throws IOException {
        threads.writeLock().lock();
        FileChannel channel;
        try {
            channel = lockedChannel(false);
        } catch (IOException | RuntimeException e) {
            threads.writeLock().unlock();
            throw e;
        }
        return () -> {
            closeQuietly(channel);
            threads.writeLock().unlock();
        };
    }

    /** A channel holding the OS lock (closing the channel releases it). */
    private FileChannel lockedChannel(boolean shared) throws IOException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            channel.lock(0, Long.MAX_VALUE, shared);
            return channel;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // closing releases the lock; a failed close leaves nothing to do
        }
    }
}
