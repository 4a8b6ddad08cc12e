package io.jenkins.plugins.mlops.jenkinstests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One real Jenkins for the whole suite (one per test JVM): the kit's jenkins.war with the kit's
 * plugins and mlops.hpi, in a fresh JENKINS_HOME under target/, on a free loopback port, with the
 * same safe options as the kit's start-jenkins.sh (HTTP on 127.0.0.1 only, no setup wizard, update
 * center and telemetry pointed at 127.0.0.1:9, no inbound-agent port). Booted on first use by
 * {@link #get()}, stopped by a shutdown hook when the JVM ends, whatever happened.
 *
 * <p>Every process the suite starts (Jenkins, the agent it launches, what builds leave running)
 * carries {@link #MARKER_VARIABLE} in its environment, so {@link #stop} finds and stops them all,
 * even those a build detached with JENKINS_NODE_COOKIE.
 */
public final class RealJenkins {
    static final String MARKER_VARIABLE = "MLOPS_JENKINS_SUITE_RUN";
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(Long.getLong("mlops.boot.timeout", 600));
    private static RealJenkins shared;

    private final SuiteSettings settings;
    private final Path home;
    private final Path log;
    private final int port;
    private final String marker = UUID.randomUUID().toString();
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private Process process;
    private JenkinsClient client;
    private MlAgent agent;
    private GitRemote gitRemote;
    private final List<AutoCloseable> extras = new ArrayList<>();
    private boolean stopped;

    private RealJenkins(SuiteSettings settings, int port) {
        this.settings = settings;
        this.home = settings.work().resolve("home");
        this.log = settings.work().resolve("jenkins.log");
        this.port = port;
    }

    /** The suite's Jenkins, booted (with its admin user) on first call. */
    public static synchronized RealJenkins get() {
        if (shared == null) {
            SuiteSettings settings = SuiteSettings.fromSystemProperties();
            RealJenkins jenkins;
            try {
                jenkins = new RealJenkins(settings, freePort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(jenkins::stop, "real-jenkins-stop"));
            jenkins.boot();
            shared = jenkins;
        }
        return shared;
    }

    private void boot() {
        long t0 = System.nanoTime();
        try {
            deleteTree(settings.work());
            Path plugins = home.resolve("plugins");
            Files.createDirectories(plugins);
            Files.createDirectories(home.resolve("init.groovy.d"));
            try (Stream<Path> jpis = Files.list(settings.kit().resolve("plugins"))) {
                for (Path jpi : jpis.filter(p -> p.toString().endsWith(".jpi")).toList()) {
                    linkOrCopy(jpi, plugins.resolve(jpi.getFileName()));
                }
            }
            if (settings.hpi() != null) {
                Files.copy(settings.hpi(), plugins.resolve("mlops.hpi"), StandardCopyOption.COPY_ATTRIBUTES);
            }
            try (InputStream in = RealJenkins.class.getResourceAsStream("00-suite-admin.groovy")) {
                Files.write(home.resolve("init.groovy.d/00-suite-admin.groovy"), in.readAllBytes());
            }
            launch(t0, false);
            client = new JenkinsClient(url(), "admin", Files.readString(home.resolve("admin-api-token.txt")).trim());
            client.awaitApi();
            report(String.format(Locale.ROOT, "Jenkins %s up after %.1f s (pid %d, RSS %d MB, %d plugins active); screenshots go to %s",
                    client.version(), (System.nanoTime() - t0) / 1e9, process.pid(), rssMb(), activePlugins(), settings.screenshots()));
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("cannot start Jenkins: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Starts {@code java -jar jenkins.war} on this home and port and waits until it is fully up;
     * {@code again}: a restart, whose output is appended to the same log (so the class rule's log
     * check covers both lives) and whose "fully up" line must come after what the log held before.
     */
    private void launch(long t0, boolean again) throws IOException {
        String url = url();
        List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xmx" + settings.heap(),
                "-Djava.awt.headless=true",
                "-Djenkins.install.runSetupWizard=false",
                "-Dhudson.model.UpdateCenter.never=true",
                "-Dhudson.model.DownloadService.never=true",
                "-Dhudson.model.UpdateCenter.updateCenterUrl=http://127.0.0.1:9/",
                "-Djenkins.telemetry.Telemetry.endpoint=http://127.0.0.1:9/",
                "-Dhudson.model.UsageStatistics.disabled=true",
                "-Djenkins.model.Jenkins.slaveAgentPort=-1",
                "-Djenkins.model.Jenkins.slaveAgentPortEnforce=true"));
        command.addAll(settings.extraJvmOptions());
        command.addAll(List.of("-jar", settings.kit().resolve("jenkins.war").toString(),
                "--httpPort=" + port, "--httpListenAddress=127.0.0.1",
                "--webroot=" + home.resolve("war"), "--extractedFilesFolder=" + home.resolve(".extracted")));
        long logStart = again ? Files.size(log) : 0;
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(again ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("JENKINS_HOME", home.toString());
        builder.environment().put("MLOPS_SUITE_URL", url);
        builder.environment().put("MLOPS_SUITE_ADMIN_PASSWORD", password);
        builder.environment().put(MARKER_VARIABLE, marker);
        System.out.println("[real-jenkins] " + (again ? "restarting " : "starting ") + settings.kit().resolve("jenkins.war")
                + " on " + url + " with " + (settings.hpi() == null ? "no mlops.hpi" : settings.hpi()) + "; JENKINS_HOME " + home
                + "; log " + log);
        process = builder.start();
        awaitUp(t0, logStart);
    }

    /**
     * Kills Jenkins with SIGKILL ({@code kill -9}: no shutdown, nothing saved beyond what it had
     * written), as a crashed controller or a killed container does, and waits until it is gone. The
     * agent it launched loses its channel and exits by itself. {@link #restart} boots it again.
     */
    public synchronized void killHard() {
        report("kill -9 of Jenkins (pid " + process.pid() + ")");
        process.destroyForcibly(); // SIGKILL on Linux
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("Jenkins (pid " + process.pid() + ") survived SIGKILL for 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Boots Jenkins again on the same JENKINS_HOME, port and admin token (after {@link #killHard}, or
     * kills it first), waits until it is fully up and, when the suite's agent was started, until the
     * command launcher has it online again: running Pipelines resume as after any controller restart.
     */
    public synchronized void restart() {
        if (process.isAlive()) {
            killHard();
        }
        long t0 = System.nanoTime();
        try {
            launch(t0, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart Jenkins: " + e.getMessage(), e);
        }
        client.awaitApi();
        if (agent != null) {
            agent.awaitOnline(this);
        }
        report(String.format(Locale.ROOT, "Jenkins restarted in %.1f s (pid %d, RSS %d MB)%s",
                (System.nanoTime() - t0) / 1e9, process.pid(), rssMb(), agent == null ? "" : ", agent " + MlAgent.NAME + " online"));
    }

    private void awaitUp(long t0, long logStart) throws IOException {
        Path tokenFile = home.resolve("admin-api-token.txt");
        long deadline = t0 + BOOT_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Jenkins exited during start-up (exit " + process.exitValue()
                        + "); " + log + " ends with:\n" + JenkinsLog.tail(log, 40));
            }
            if (Files.isRegularFile(tokenFile) && log().text(logStart).contains("Jenkins is fully up and running")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Jenkins is not up after " + BOOT_TIMEOUT.toSeconds() + " s; " + log
                        + " ends with:\n" + JenkinsLog.tail(log, 40));
            }
            sleep(500);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    public JenkinsClient client() {
        return client;
    }

    public String adminPassword() {
        return password;
    }

    public SuiteSettings settings() {
        return settings;
    }

    public Path home() {
        return home;
    }

    public JenkinsLog log() {
        return new JenkinsLog(log);
    }

    /** The agent labelled {@code ml}, started (and waited online) on first call. */
    public synchronized MlAgent agent() {
        if (agent == null) {
            agent = MlAgent.start(this, settings.work().resolve("agent"));
        }
        return agent;
    }

    /** The git daemon serving the example project, started on first call. */
    public synchronized GitRemote gitRemote() {
        if (gitRemote == null) {
            gitRemote = GitRemote.start(settings.repository(), settings.work().resolve("git"));
        }
        return gitRemote;
    }

    /** Closes {@code resource} when the suite stops, after Jenkins (for stacks the builds use). */
    public synchronized <T extends AutoCloseable> T closeAtEnd(T resource) {
        extras.add(resource);
        return resource;
    }

    /** The environment variable (name=value) marking the processes of this suite, for those tests start. */
    public String marker() {
        return marker;
    }

    /** Jenkins's resident memory now, in MB (0 when it cannot be read). */
    public long rssMb() {
        return ProcessTree.rssMb(process.pid());
    }

    /** Stops Jenkins (SIGTERM, then SIGKILL after 60 s), then anything left carrying the suite's marker. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (process != null) {
            report("stopping Jenkins (pid " + process.pid() + ", RSS " + rssMb() + " MB at the end)");
            process.destroy();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (gitRemote != null) {
            gitRemote.close();
        }
        for (AutoCloseable extra : extras) {
            try {
                extra.close();
            } catch (Exception e) {
                System.out.println("[real-jenkins] could not close " + extra + ": " + e);
            }
        }
        int left = ProcessTree.stopMarked(MARKER_VARIABLE, marker);
        if (left > 0) {
            report("stopped " + left + " process(es) left running by builds or the agent");
        }
        if (process != null) {
            JenkinsLog.Findings findings = new JenkinsLog(log).findings(0);
            report("Jenkins stopped; its whole log: "
                    + (findings.clean() ? "no SEVERE line, no exception from the plugin" : findings));
        }
    }

    /**
     * Prints a line of the suite's summary and appends it to {@code summary.txt} beside JENKINS_HOME,
     * which bin/test-jenkins shows at the end (the shutdown hook's lines do not reach Maven's output).
     */
    void report(String line) {
        System.out.println("[real-jenkins] " + line);
        try {
            Files.writeString(settings.work().resolve("summary.txt"), line + "\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("[real-jenkins] cannot write the summary: " + e);
        }
    }

    /** How many plugins are active; fails the boot when the plugin under test is not among them. */
    private int activePlugins() {
        int active = 0;
        boolean mlops = false;
        for (var plugin : client.getJson("pluginManager/api/json?tree=plugins%5BshortName,active%5D").path("plugins")) {
            if (plugin.path("active").asBoolean()) {
                active++;
                mlops |= plugin.path("shortName").asText().equals("mlops");
            }
        }
        if (settings.hpi() != null && !mlops) {
            throw new IllegalStateException("Jenkins did not load the mlops plugin from " + settings.hpi()
                    + "; what its log says about it:\n" + log().text(0).lines()
                    .filter(l -> l.toLowerCase(Locale.ROOT).contains("mlops")).limit(30).reduce("", (a, b) -> a + b + "\n"));
        }
        return active;
    }

    /**
     * A loopback port free now, below the kernel's ephemeral range, not handed out before in this run: a scenario
     * picks its ports at its start and binds some of them minutes later (the deployment host's canary server), and
     * a port of the ephemeral range (what {@code new ServerSocket(0)} hands out) could meanwhile be the local end of
     * any outgoing connection (traffic, Prometheus' scrapes, the agent's channel): the canary then failed with
     * "Address already in use" and the rollout paused for a person. The product's rule is core's
     * {@code LoopbackPorts}; the suite is built alone ({@code -pl mlops-jenkins-tests}, black box over HTTP) and
     * keeps this copy of it.
     */
    static int freePort() throws IOException {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 200 && below - 10_000 >= 1_000; attempt++) {
            int port = 10_000 + PORTS.nextInt(below - 10_000);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // another one
            }
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        }
    }

    private static final SecureRandom PORTS = new SecureRandom();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * The first port the kernel hands out for outgoing connections (Linux: 32768 by default). One large read: a
     * sysctl file answers only an open file's first read, and {@code Files.readString} (its first read sized by
     * the file's size, 0) got "3", which sent every port back to the ephemeral range.
     */
    static int ephemeralRangeStart() {
        try {
            return Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Hard links when the kit is on the same file system (fast, no copy of 81 MB), else a copy keeping the mtime. */
    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String readUtf8(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
