package io.jenkins.plugins.mlops.core.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The real scikit-learn model server in a real bubblewrap sandbox: a good server is blessed; each
 * way a server can be bad is caught with a clear reason and its log lines; nothing is left behind.
 */
public class InfraValidatorBubblewrapTest {
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    private static ModelServerWorkspace ws;
    private InfraValidationResult result;

    @BeforeClass
    public static void trainOnce() throws Exception {
        Assume.assumeTrue("bubblewrap unavailable: " + new BubblewrapBackend().unavailableReason(),
                new BubblewrapBackend().unavailableReason() == null);
        ws = ModelServerWorkspace.create(tmp.getRoot().toPath());
    }

    @After
    public void nothingLeftBehind() throws IOException {
        if (result != null) {
            Leftover.assertNothingLeft(result);
        }
    }

    @AfterClass
    public static void noSandboxStillRegistered() {
        assertThat(LiveSandboxes.count()).isZero();
    }

    private InfraValidationResult validate(Path spec) throws InterruptedException {
        result = new InfraValidator().validate(new InfraValidationRequest(spec.toString(), null, ws.root.toString()));
        System.out.println(result.summary());
        return result;
    }

    private static final String LOAD = "load:\n  request: {method: POST, path: /predict, bodyFile: request.json}\n"
            + "  requests: 400\n  concurrency: 4\n  warmupRequests: 20\n";

    @Test
    public void goodServerIsBlessedWithPercentilesLoadTimeAndBackend() throws Exception {
        InfraValidationResult r = validate(ws.spec("good", "auto", 512, Map.of(),
                LOAD + "  budget: {p50Ms: 2000, p95Ms: 3000, p99Ms: 5000, maxErrorRate: 0}\n"));

        assertThat(r.verdict()).as(r.summary()).isEqualTo("INFRA_BLESSED");
        assertThat(r.backend()).isEqualTo("bubblewrap");
        assertThat(r.isolated()).isTrue();
        assertThat(r.backendReason()).contains("auto");
        assertThat(r.loadTimeSeconds()).isPositive();
        assertThat(r.checks()).filteredOn(c -> c.kind().equals("request")).hasSize(3).allMatch(Check::passed);
        assertThat(r.checks()).filteredOn(c -> c.kind().equals("isolation")).singleElement()
                .satisfies(c -> assertThat(c.passed()).isTrue());
        assertThat(r.load().requests()).isEqualTo(400);
        assertThat(r.load().errors()).isZero();
        assertThat(r.load().p50Ms()).isPositive();
        assertThat(r.load().p99Ms()).isGreaterThanOrEqualTo(r.load().p95Ms()).isGreaterThanOrEqualTo(r.load().p50Ms());
        assertThat(r.serverLog()).contains("serving /model");
        assertThat(r.peakMemoryBytes()).isGreaterThan(10_000_000L);
    }

    @Test
    public void crashAtStartIsReportedAtOnceWithTheLogTail() throws Exception {
        InfraValidationResult r = validate(ws.spec("crash", "bubblewrap", 512, Map.of("FAULT_CRASH_AT_START", "1"),
                "readiness: {path: /healthz, maxLoadSeconds: 120, pollIntervalMs: 1000}\n"));

        assertThat(r.verdict()).isEqualTo("INFRA_NOT_BLESSED");
        assertThat(r.failureReason()).startsWith("crashed: the server exited with status 3");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.loadTimeSeconds()).isNull();
        assertThat(r.durationSeconds()).as("reported at once, not after the 120 s load time").isLessThan(60);
        assertThat(r.serverLogTail()).anyMatch(l -> l.contains("FAULT_CRASH_AT_START: exiting with status 3"));
    }

    @Test
    public void serverThatNeverGetsReadyTimesOutWithItsLastAnswer() throws Exception {
        InfraValidationResult r = validate(ws.spec("never-ready", "bubblewrap", 512, Map.of("FAULT_NEVER_READY", "1"),
                "readiness: {path: /healthz, maxLoadSeconds: 15, pollIntervalMs: 200}\n"));

        assertThat(r.verdict()).isEqualTo("INFRA_NOT_BLESSED");
        assertThat(r.failureReason()).startsWith("never ready (timeout)").contains("within 15 s").contains("HTTP 503");
        assertThat(r.loadTimeSeconds()).isNull();
        assertThat(r.teardown().processesKilled()).as("the still-running server was killed").isPositive();
        assertThat(r.serverLogTail()).anyMatch(l -> l.contains("serving /model"));
    }

    @Test
    public void wrongPredictionsFailTheRequestChecksWithMeasuredAndExpectedValues() throws Exception {
        InfraValidationResult r = validate(ws.spec("flip", "bubblewrap", 512, Map.of("FAULT_FLIP", "1"), ""));

        assertThat(r.verdict()).isEqualTo("INFRA_NOT_BLESSED");
        assertThat(r.failureReason()).startsWith("wrong response: /predictions/0 is 0, expected 1");
        Check benign = r.checks().stream().filter(c -> c.name().startsWith("benign row")).findFirst().orElseThrow();
        assertThat(benign.measured()).contains("/predictions/0 = 0");
        assertThat(benign.expected()).contains("/predictions/0 = 1");
        assertThat(r.checks()).filteredOn(c -> c.name().startsWith("too few features")).allMatch(Check::passed);
    }

    @Test
    public void latencyOverBudgetIsCaughtWithTheMeasuredPercentile() throws Exception {
        InfraValidationResult r = validate(ws.spec("slow", "bubblewrap", 512, Map.of("FAULT_LATENCY_MS", "60"),
                "load:\n  request: {method: POST, path: /predict, bodyFile: request.json}\n  requests: 60\n"
                        + "  concurrency: 2\n  budget: {p95Ms: 25, maxErrorRate: 0}\n"));

        assertThat(r.verdict()).isEqualTo("INFRA_NOT_BLESSED");
        assertThat(r.failureReason()).startsWith("latency over budget: p95").contains("> 25 ms");
        assertThat(r.load().p95Ms()).isGreaterThanOrEqualTo(60);
        assertThat(r.load().p50Ms()).isGreaterThanOrEqualTo(60);
        assertThat(r.checks()).filteredOn(c -> c.kind().equals("errors")).allMatch(Check::passed);
    }

    @Test
    public void memoryHogIsKilledAtTheLimitAndReportedAsOutOfMemory() throws Exception {
        InfraValidationResult r = validate(ws.spec("hog", "bubblewrap", 200, Map.of("FAULT_ALLOCATE_MB", "400"), ""));

        assertThat(r.verdict()).isEqualTo("INFRA_NOT_BLESSED");
        assertThat(r.failureReason()).startsWith("out of memory");
        assertThat(r.outOfMemory()).isTrue();
        assertThat(r.exitCode()).isEqualTo(137);
        assertThat(r.peakMemoryBytes()).isLessThanOrEqualTo(200L * 1024 * 1024);
        assertThat(r.serverLogTail()).anyMatch(l -> l.contains("FAULT_ALLOCATE_MB: allocating 400 MiB"))
                .noneMatch(l -> l.contains("holding 400 MiB"));
    }

    @Test
    public void serversAttemptToConnectOutsideTheSandboxFails() throws Exception {
        try (ServerSocket hostListener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = acceptInBackground(hostListener);
            String target = "127.0.0.1:" + hostListener.getLocalPort();
            java.nio.file.Files.writeString(ws.root.resolve("egress-checks.jsonl"),
                    "{\"name\": \"egress attempt failed\", \"path\": \"/egress-probe\", \"expect\": {\"/connected\": {\"equals\": false}}}\n");
            ws.spec("egress", "bubblewrap", 512, Map.of("FAULT_CONNECT_TO", target), "");
            InfraValidationResult r = validate(rewriteChecks("egress"));

            assertThat(accepted.get()).as("connections that reached the host's listener").isZero();
            assertThat(r.serverLogTail()).anyMatch(l -> l.startsWith("egress attempt to " + target + " FAILED"));
            assertThat(r.checks()).filteredOn(c -> c.name().startsWith("egress attempt failed")).singleElement()
                    .satisfies(c -> assertThat(c.passed()).as(c.measured()).isTrue());
            assertThat(r.checks()).filteredOn(c -> c.kind().equals("isolation")).singleElement()
                    .satisfies(c -> assertThat(c.measured()).contains("failed, as it must"));
            assertThat(r.verdict()).isEqualTo("INFRA_BLESSED");
        }
    }

    @Test
    public void withoutSandboxTheSameAttemptSucceedsAndTheReportSaysNotIsolated() throws Exception {
        try (ServerSocket hostListener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger accepted = acceptInBackground(hostListener);
            String target = "127.0.0.1:" + hostListener.getLocalPort();
            java.nio.file.Files.writeString(ws.root.resolve("egress-checks.jsonl"),
                    "{\"name\": \"egress attempt failed\", \"path\": \"/egress-probe\", \"expect\": {\"/connected\": {\"equals\": false}}}\n");
            ws.spec("egress-none", "none", 512, Map.of("FAULT_CONNECT_TO", target), "");
            InfraValidationResult r = validate(rewriteChecks("egress-none"));

            assertThat(accepted.get()).as("the control: a plain process does reach the host").isEqualTo(1);
            assertThat(r.isolated()).isFalse();
            assertThat(r.backend()).isEqualTo("none");
            assertThat(r.summary()).contains("NOT ISOLATED");
            assertThat(r.verdict()).isEqualTo("INFRA_NOT_BLESSED");
            assertThat(r.failureReason()).contains("/connected is true, expected false");
        }
    }

    @Test
    public void interruptingTheCallerAbortsAndTearsDownAtOnce() throws Exception {
        Path spec = ws.spec("abort", "bubblewrap", 512, Map.of(),
                "load:\n  request: {method: POST, path: /predict, bodyFile: request.json}\n  durationSeconds: 120\n");
        java.util.Set<String> before = logs();
        java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                new InfraValidator().validate(new InfraValidationRequest(spec.toString(), null, ws.root.toString()));
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        build.start();
        String id = null;
        long deadline = System.currentTimeMillis() + 60_000;
        while (id == null && System.currentTimeMillis() < deadline) { // wait until the load test runs
            Thread.sleep(200);
            id = runningSandbox(before);
        }
        assertThat(id).as("a sandbox was running").isNotNull();
        Thread.sleep(1500);
        long abortedAt = System.nanoTime();
        build.interrupt(); // what Jenkins does when a build is aborted
        build.join(30_000);
        assertThat(build.isAlive()).isFalse();
        assertThat((System.nanoTime() - abortedAt) / 1e9).isLessThan(15);
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(Leftovers.processes(id)).isEmpty();
        assertThat(LiveSandboxes.count()).isZero();
        assertThat(logs()).as("server logs and work directories left in the temp dir").isEqualTo(before);
    }

    private static java.util.Set<String> logs() throws IOException {
        try (var files = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("mlops-infra-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    /** The id of a sandbox whose server is up and serving, from the server's log in the temp dir. */
    private static String runningSandbox(java.util.Set<String> existing) throws IOException {
        try (var logs = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            for (Path log : logs.filter(p -> p.getFileName().toString().matches("mlops-infra-[0-9a-f]+\\.log")
                    && !existing.contains(p.getFileName().toString())).toList()) {
                if (java.nio.file.Files.readString(log).contains("serving /model")) {
                    return log.getFileName().toString().replace(".log", "");
                }
            }
        }
        return null;
    }

    private Path rewriteChecks(String name) throws IOException {
        Path spec = ws.root.resolve(name + ".yaml");
        java.nio.file.Files.writeString(spec, java.nio.file.Files.readString(spec)
                .replace("checks: {file: checks.jsonl", "checks: {file: egress-checks.jsonl"));
        return spec;
    }

    private static AtomicInteger acceptInBackground(ServerSocket listener) {
        AtomicInteger accepted = new AtomicInteger();
        Thread t = new Thread(() -> {
            while (!listener.isClosed()) {
                try (Socket s = listener.accept()) {
                    accepted.incrementAndGet();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return accepted;
    }
}
