package io.jenkins.plugins.mlops.core.rollout;

import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * A rollout's directory: {@code state.json} (written atomically after each transition) and a lock
 * file, so two controllers (a restarted one and a stale one) never transition the same rollout at once.
 */
public final class RolloutStore {
    private static final String STATE = "state.json";
    private final Path dir;

    public RolloutStore(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dir;
    }

    public Path stateFile() {
        return dir.resolve(STATE);
    }

    public Optional<RolloutState> load() {
        Path file = stateFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.mapper().readValue(file.toFile(), RolloutState.class));
        } catch (IOException e) {
            throw new InfrastructureException("cannot read the rollout state " + file + ": " + e.getMessage(), e);
        }
    }

    public void save(RolloutState state) {
        AtomicFiles.writeJson(stateFile(), state, true);
    }

    /** Holds the rollout's lock; close it to release. */
    public interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes the lock, or fails at once if another controller holds it. */
    public Lock lock() {
        try {
            Files.createDirectories(dir);
            FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new InfrastructureException("another controller is driving the rollout in " + dir
                        + " right now; wait for it or stop it");
            }
            FileLock held = lock;
            return () -> {
                try {
                    held.release();
                    channel.close();
                } catch (IOException ignored) {
                    // closing the channel releases the lock in any case
                }
            };
        } catch (IOException e) {
            throw new InfrastructureException("cannot lock " + dir + ": " + e.getMessage(), e);
        }
    }
}
