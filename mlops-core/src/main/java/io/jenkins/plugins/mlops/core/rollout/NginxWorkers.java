package io.jenkins.plugins.mlops.core.rollout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The worker processes of the nginx master started with a given configuration file, read from
 * {@code /proc}. After {@code nginx -s reload} the old workers keep accepting connections until
 * they process the master's QUIT, which on a loaded machine can be long after the new workers
 * answer; a worker that got it retitles itself "is shutting down" and has closed its listening
 * sockets. Waiting until no old worker still accepts is what makes a reload "live".
 *
 * <p>Where {@code /proc} or the master cannot be found (another OS, a master started with a
 * different spelling of the config path), {@link #accepting} is empty and callers fall back to
 * probing the routing endpoint alone.
 */
final class NginxWorkers {
    private static final String MASTER_TITLE = "nginx: master process";
    private static final String ACCEPTING_WORKER_TITLE = "nginx: worker process";

    private final String config;

    NginxWorkers(String config) {
        this.config = config;
    }

    /** Pids of the workers that accept connections now. */
    Set<Long> accepting() {
        return master().map(m -> m.children()
                .filter(child -> ACCEPTING_WORKER_TITLE.equals(title(child.pid())))
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet()))
                .orElse(Set.of());
    }

    /** Whether any of {@code workers} still accepts connections. */
    boolean anyAccepting(Set<Long> workers) {
        return workers.stream().anyMatch(pid -> ACCEPTING_WORKER_TITLE.equals(title(pid)));
    }

    private Optional<ProcessHandle> master() {
        String flag = " -c " + config;
        return ProcessHandle.allProcesses()
                .filter(p -> {
                    String title = title(p.pid());
                    return title.startsWith(MASTER_TITLE) && (title.contains(flag + " ") || title.endsWith(flag));
                })
                .findFirst();
    }

    /** The process title nginx wrote over its argv, or "" when the process is gone or unreadable. */
    private static String title(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').strip();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
