package io.jenkins.plugins.mlops.core.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds processes that belong to a sandbox: every server gets {@code MLOPS_INFRA_SANDBOX=<id>} in
 * its environment and the id appears on the launcher's command line, so a scan of /proc finds
 * anything a teardown missed (and tests assert it finds nothing).
 */
public final class Leftovers {
    public static final String ENV = "MLOPS_INFRA_SANDBOX";

    private Leftovers() {
    }

    /** Live processes whose environment or command line names {@code sandboxId}. */
    public static List<String> processes(String sandboxId) {
        List<String> found = new ArrayList<>();
        byte[] envMarker = (ENV + "=" + sandboxId).getBytes(StandardCharsets.UTF_8);
        byte[] idBytes = sandboxId.getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path proc : procs) {
                if (Long.parseLong(proc.getFileName().toString()) == self) {
                    continue;
                }
                try {
                    byte[] cmdline = Files.readAllBytes(proc.resolve("cmdline"));
                    if (contains(Files.readAllBytes(proc.resolve("environ")), envMarker) || contains(cmdline, idBytes)) {
                        String status = Files.readString(proc.resolve("stat"));
                        if (status.contains(") Z ")) {
                            continue; // a zombie holds nothing and is gone once reaped
                        }
                        found.add("process " + proc.getFileName() + " " + new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ').trim());
                    }
                } catch (IOException | RuntimeException e) {
                    // exited while we looked
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to say
        }
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
