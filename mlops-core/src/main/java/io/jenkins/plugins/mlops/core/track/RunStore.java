package io.jenkins.plugins.mlops.core.track;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The CLI's runs on disk: {@code STORE/runs/ID/run.json}, each run's stage reports beside it.
 * Every write is atomic; read-modify-write goes through {@link #update} under a file lock, so two
 * stages recording into one run at once lose nothing.
 */
public final class RunStore {
    public static final String ENV_HOME = "MLOPS_HOME";
    public static final String DEFAULT_DIR = ".mlops";
    private static final String RECORD = "run.json";

    /**
     * What only a new run id needs, made on first use: seeding a SecureRandom and building a
     * DateTimeFormatter (its locale data) take tens of milliseconds in a fresh JVM, which every
     * command that only reads the store (e.g. 'validate data' looking for the latest run) paid.
     */
    private static final class NewIds {
        static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
        static final SecureRandom RANDOM = new SecureRandom();
    }

    /** File locks exclude other processes; this excludes other threads of this one (Java's file locks do not). */
    private static final java.util.concurrent.ConcurrentHashMap<Path, java.util.concurrent.locks.ReentrantLock> LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Path root;

    public RunStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** {@code --store} if given, else {@code $MLOPS_HOME}, else {@code ./.mlops}. */
    public static Path location(Path explicit, Map<String, String> env, Path workingDir) {
        if (explicit != null) {
            return explicit;
        }
        String home = env.get(ENV_HOME);
        if (home != null && !home.isBlank()) {
            return Path.of(home);
        }
        return workingDir.resolve(DEFAULT_DIR);
    }

    public Path root() {
        return root;
    }

    /** A new id: UTC start time (so ids sort by time) and 6 random hex digits. */
    public static String newRunId(Instant start) {
        byte[] random = new byte[3];
        NewIds.RANDOM.nextBytes(random);
        return NewIds.ID_TIME.format(start) + "-" + HexFormat.of().formatHex(random);
    }

    public Path runDir(String id) {
        if (!id.matches("[A-Za-z0-9._-]+") || id.startsWith(".")) {
            throw BadInputException.at("run id", 0, "'" + id + "' is not a run id", "use an id from 'mlops runs list'");
        }
        return root.resolve("runs").resolve(id);
    }

    /** Writes a new run; refuses to overwrite one. */
    public void create(RunRecord record) {
        Path dir = runDir(record.id());
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw BadInputException.at("run id", 0, "run " + record.id() + " exists already", "choose another id");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        AtomicFiles.writeJson(dir.resolve(RECORD), record, false);
    }

    /** Reads a run by its id or an unambiguous prefix of it. */
    public RunRecord read(String idOrPrefix) {
        return RunRecordReader.read(runDir(resolveId(idOrPrefix)).resolve(RECORD));
    }

    public String resolveId(String idOrPrefix) {
        if (Files.isRegularFile(runDir(idOrPrefix).resolve(RECORD))) {
            return idOrPrefix;
        }
        List<String> matches = ids().stream().filter(id -> id.startsWith(idOrPrefix)).toList();
        if (matches.isEmpty()) {
            throw BadInputException.at(root, 0, "no run '" + idOrPrefix + "'", "list the runs with 'mlops runs list'");
        }
        if (matches.size() > 1) {
            throw BadInputException.at(root, 0, "'" + idOrPrefix + "' matches " + matches.size() + " runs: "
                    + String.join(", ", matches.subList(0, Math.min(5, matches.size()))), "give more of the id");
        }
        return matches.get(0);
    }

    /** Ids of every run, oldest first. */
    public List<String> ids() {
        Path runs = root.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(runs)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(RECORD)))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
        }
    }

    /** Every run, oldest first by start time. */
    public List<RunRecord> list() {
        // parsing dominates and each record is independent: use every core
        List<RunRecord> runs = new ArrayList<>(ids().parallelStream()
                .map(id -> RunRecordReader.read(runDir(id).resolve(RECORD))).toList());
        runs.sort(Comparator.comparing(RunRecord::startTime, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(RunRecord::id));
        return runs;
    }

    public Optional<RunRecord> latest() {
        List<RunRecord> runs = list();
        return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
    }

    /**
     * Reads, changes and writes back one run under an exclusive lock; the change sees the newest
     * record even when another process wrote it a moment ago.
     */
    public RunRecord update(String idOrPrefix, UnaryOperator<RunRecord> change) {
        String id = resolveId(idOrPrefix);
        Path dir = runDir(id);
        java.util.concurrent.locks.ReentrantLock threadLock = LOCKS.computeIfAbsent(dir, d -> new java.util.concurrent.locks.ReentrantLock());
        threadLock.lock();
        try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            RunRecord next = change.apply(RunRecordReader.read(dir.resolve(RECORD)));
            AtomicFiles.writeJson(dir.resolve(RECORD), next, false);
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update run " + id + ": " + e.getMessage(), e);
        } finally {
            threadLock.unlock();
        }
    }
}
