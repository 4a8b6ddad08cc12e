package io.jenkins.plugins.mlops.jenkinstests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * A permanent agent named {@code ml-agent}, labelled {@code ml}: a separate JVM on this machine that
 * Jenkins launches with the command launcher ({@code java -jar agent.jar}, the agent.jar this Jenkins
 * serves), its remote root under target/. Every step of a build on it crosses remoting.
 */
public final class MlAgent {
    public static final String NAME = "ml-agent";
    public static final String LABEL = "ml";
    private static final Duration ONLINE_TIMEOUT = Duration.ofSeconds(180);

    private final Path root;

    private MlAgent(Path root) {
        this.root = root;
    }

    static MlAgent start(RealJenkins jenkins, Path dir) {
        long t0 = System.nanoTime();
        try {
            Files.createDirectories(dir.resolve("fs"));
            Path jar = dir.resolve("agent.jar");
            jenkins.client().download("jnlpJars/agent.jar", jar);
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String command = java + " -Xmx512m -jar " + jar;
            // the command launcher runs only an approved command; as admin, configuring it approves it,
            // and preapprove says so explicitly
            jenkins.client().script(String.join("\n",
                    "import hudson.slaves.*",
                    "import org.jenkinsci.plugins.scriptsecurity.scripts.ScriptApproval",
                    "import org.jenkinsci.plugins.scriptsecurity.scripts.languages.SystemCommandLanguage",
                    "def command = " + groovyString(command),
                    "ScriptApproval.get().preapprove(command, SystemCommandLanguage.get())",
                    // preapprove keeps it in memory only: saved, the approval survives a controller restart
                    "ScriptApproval.get().save()",
                    "def agent = new DumbSlave(" + groovyString(NAME) + ", " + groovyString(dir.resolve("fs").toString())
                            + ", new CommandLauncher(command))",
                    "agent.labelString = " + groovyString(LABEL),
                    "agent.numExecutors = 2",
                    "agent.mode = hudson.model.Node.Mode.EXCLUSIVE",
                    "agent.retentionStrategy = new RetentionStrategy.Always()",
                    "jenkins.model.Jenkins.get().addNode(agent)",
                    "println 'added'"));
            MlAgent agent = new MlAgent(dir.resolve("fs"));
            agent.awaitOnline(jenkins);
            jenkins.report(String.format(Locale.ROOT, "agent %s (label %s, command launcher) online after %.1f s, remote root %s",
                    NAME, LABEL, (System.nanoTime() - t0) / 1e9, dir.resolve("fs")));
            return agent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the agent: " + e.getMessage(), e);
        }
    }

    /** Waits until Jenkins has the agent online (after it was added, or after a controller restart relaunched it). */
    void awaitOnline(RealJenkins jenkins) {
        long deadline = System.nanoTime() + ONLINE_TIMEOUT.toNanos();
        while (jenkins.client().getJson("computer/" + NAME + "/api/json?tree=offline").path("offline").asBoolean(true)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("agent " + NAME + " not online after " + ONLINE_TIMEOUT.toSeconds()
                        + " s; its log:\n" + jenkins.client().get("computer/" + NAME + "/logText/progressiveText").body());
            }
            RealJenkins.sleep(500);
        }
    }

    /** The agent's remote root: workspaces are under {@code workspace/}. */
    public Path root() {
        return root;
    }

    public Path workspace(String job) {
        return root.resolve("workspace").resolve(job);
    }

    static String groovyString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
