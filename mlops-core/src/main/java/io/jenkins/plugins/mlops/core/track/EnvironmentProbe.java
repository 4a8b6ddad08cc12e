package io.jenkins.plugins.mlops.core.track;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Describes the machine a run happens on. Python's version is asked of {@code python3} on PATH, briefly. */
public final class EnvironmentProbe {
    private EnvironmentProbe() {
    }

    public static EnvironmentInfo probe() {
        return new EnvironmentInfo(System.getProperty("os.name"), System.getProperty("os.version"),
                System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.version"),
                pythonVersion(), hostName());
    }

    private static String pythonVersion() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.exitValue() == 0 && out.startsWith("Python ") ? out.substring(7) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }
}
