package io.jenkins.plugins.mlops.core.infra;

import io.jenkins.plugins.mlops.core.io.FileTrees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What sandbox runs killed without their teardown (SIGKILL, a lost agent) left behind: cgroups,
 * work directories, logs. Every run writes {@code ID.owner} in the temp directory first (its
 * pid and start time) and removes it last; a later run reclaims every sandbox whose owner process
 * is gone. A sandbox without an owner file is never touched: it may belong to a running older
 * version, and killing someone else's server is worse than leaving an empty directory.
 */
final class DeadSandboxes {
    private static final Pattern ID = Pattern.compile("(mlops-infra-[0-9a-f]{10})(?:[-.].*)?");

    private DeadSandboxes() {
    }

    static Path ownerFile(Path tmp, String sandboxId) {
        return tmp.resolve(sandboxId + ".owner");
    }

    /** Marks {@code sandboxId} as this process's, before anything of it is made. */
    static void claim(Path tmp, String sandboxId) throws IOException {
        ProcessHandle self = ProcessHandle.current();
        Files.writeString(ownerFile(tmp, sandboxId), self.pid() + " "
                + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L) + "\n", StandardCharsets.US_ASCII);
    }

    /**
     * Kills what still runs in dead sandboxes' cgroups, removes their cgroups, directories and logs.
     *
     * @return one line per sandbox reclaimed, saying what was removed and whose it was
     */
    static List<String> reclaim(Path tmp) {
        List<String> said = new ArrayList<>();
        for (Map.Entry<String, List<Path>> sandbox : sandboxesIn(tmp).entrySet()) {
            String id = sandbox.getKey();
            Optional<String> deadOwner = deadOwner(ownerFile(tmp, id));
            if (deadOwner.isEmpty()) {
                continue;
            }
            List<String> removed = new ArrayList<>();
            CgroupLimits groups = CgroupLimits.existing(id);
            groups.killAllAndRemove(5000);
            groups.directories().stream().filter(d -> !Files.exists(d)).forEach(d -> removed.add("cgroup " + d));
            for (Path path : sandbox.getValue()) {
                String what = Files.isDirectory(path) ? "directory " : "file ";
                if (!path.equals(ownerFile(tmp, id)) && FileTrees.deleteQuietly(path)) {
                    removed.add(what + path);
                }
            }
            try {
                Files.deleteIfExists(ownerFile(tmp, id));
            } catch (IOException e) {
                // tried again by the next run
            }
            said.add("reclaimed what sandbox " + id + " of " + deadOwner.get() + " left behind: "
                    + (removed.isEmpty() ? "nothing but its owner file" : String.join(", ", removed)));
        }
        return said;
    }

    /** Every sandbox id with an owner file in {@code tmp}, with all its entries there. */
    private static Map<String, List<Path>> sandboxesIn(Path tmp) {
        Map<String, List<Path>> found = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp, "mlops-infra-*")) {
            for (Path entry : entries) {
                Matcher m = ID.matcher(entry.getFileName().toString());
                if (m.matches()) {
                    found.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(entry);
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        found.keySet().removeIf(id -> !Files.exists(ownerFile(tmp, id)));
        return found;
    }

    /** "process PID (ended)" when the owner is gone (or its pid now names another process), else empty. */
    private static Optional<String> deadOwner(Path ownerFile) {
        String[] parts;
        try {
            parts = Files.readString(ownerFile, StandardCharsets.US_ASCII).trim().split(" ");
        } catch (IOException e) {
            return Optional.empty();
        }
        long pid;
        long started;
        try {
            pid = Long.parseLong(parts[0]);
            started = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return Optional.empty(); // being written right now
        }
        Optional<ProcessHandle> owner = ProcessHandle.of(pid);
        boolean alive = owner.isPresent() && owner.get().isAlive() && (started == 0
                || owner.get().info().startInstant().map(Instant::toEpochMilli).map(s -> Math.abs(s - started) < 1000).orElse(true));
        return alive ? Optional.empty() : Optional.of("process " + pid + " (ended)");
    }
}
