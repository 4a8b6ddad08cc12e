package io.jenkins.plugins.mlops.jenkinstests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Linux process facts from /proc: memory, and the processes that carry a marker in their environment. */
final class ProcessTree {
    private ProcessTree() {
    }

    static long rssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone or unreadable
        }
        return 0;
    }

    /**
     * Stops (SIGTERM, SIGKILL after 10 s) every process whose environment holds name=value, except
     * this JVM; returns how many there were. Builds that detach a server (JENKINS_NODE_COOKIE=dontKillMe,
     * nohup) leave no parent to follow, but they keep the environment they were started with.
     */
    static int stopMarked(String name, String value) {
        byte[] wanted = (name + "=" + value).getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        List<ProcessHandle> marked = ProcessHandle.allProcesses()
                .filter(h -> h.pid() != self && environHas(h.pid(), wanted)).toList();
        marked.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ProcessHandle h : marked) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                RealJenkins.sleep(100);
            }
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        return marked.size();
    }

    private static boolean environHas(long pid, byte[] entry) {
        byte[] environ;
        try {
            environ = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
        int start = 0;
        for (int i = 0; i <= environ.length; i++) {
            if (i == environ.length || environ[i] == 0) {
                if (i - start == entry.length && java.util.Arrays.equals(environ, start, i, entry, 0, entry.length)) {
                    return true;
                }
                start = i + 1;
            }
        }
        return false;
    }
}
