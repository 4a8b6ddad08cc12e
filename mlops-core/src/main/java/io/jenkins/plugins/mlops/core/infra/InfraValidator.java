package io.jenkins.plugins.mlops.core.infra;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The infra validation engine: reads the spec, starts the server in the sandbox, waits until it
 * is ready (HTTP 2xx while the process is alive), proves the sandbox has no egress, sends the
 * request checks, runs the load test, and tears everything down, whatever happens (success,
 * failure, timeout, an exception, thread interrupt = build abort, {@link Abort}, JVM shutdown).
 * Call it on the machine that must run the server (a Jenkins agent, a laptop).
 */
public final class InfraValidator {
    private static final int LOG_KEEP_BYTES = 64 * 1024;
    private static final int LOG_TAIL_LINES = 40;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Validates with no abort hook other than interrupting the calling thread. */
    public InfraValidationResult validate(InfraValidationRequest request) throws InterruptedException {
        return validate(request, new Abort());
    }

    /**
     * @throws BadInputException       the spec, the checks file or a path is wrong (nothing was started)
     * @throws InfrastructureException the requested sandbox cannot run on this machine
     * @throws InterruptedException    aborted; everything started has been torn down
     */
    public InfraValidationResult validate(InfraValidationRequest request, Abort abort) throws InterruptedException {
        Instant startedAt = Instant.now();
        long t0 = System.nanoTime();
        Path workspace = Path.of(request.workspace() == null ? "" : request.workspace()).toAbsolutePath().normalize();
        Path specFile = userPath(workspace, request.specFile(), "spec file");
        InfraSpec spec = InfraSpecReader.read(specFile, request.defaultBackend());
        Path modelDir = request.modelDir() != null ? userPath(workspace, request.modelDir(), "model directory")
                : spec.modelDir() == null ? null : inSpec(specFile, () -> SafePaths.resolveInside(workspace, spec.modelDir(), "modelDir"));
        if (modelDir != null && !Files.isDirectory(modelDir)) {
            throw BadInputException.at(specFile, 0, "the model directory " + modelDir + " does not exist",
                    "train the model first or give --model DIR");
        }
        List<LaunchPlan.HostMount> mounts = new ArrayList<>();
        for (InfraSpec.Mount m : spec.mounts()) {
            Path source = inSpec(specFile, () -> SafePaths.resolveInside(workspace, m.source(), "mounts source '" + m.source() + "'"));
            if (!Files.exists(source)) {
                throw BadInputException.at(specFile, 0, "mount source " + source + " does not exist", "check mounts in the spec");
            }
            mounts.add(new LaunchPlan.HostMount(source, m.target()));
        }
        List<RequestCheck> requestChecks = spec.checks() == null ? List.of()
                : InfraSpecReader.readChecks(inSpec(specFile, () -> SafePaths.existingFileInside(workspace, spec.checks().file(),
                        "checks.file")));
        byte[] loadBody = inSpec(specFile, () -> loadBody(spec, workspace));
        Backends.Choice choice = Backends.choose(spec.sandbox().backend(), spec.image() != null);
        SandboxBackend backend = choice.backend();

        String sandboxId = "mlops-infra-" + HexFormat.of().formatHex(bytes(5));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path logFile = tmp.resolve(sandboxId + ".log");
        List<Check> checks = new ArrayList<>();
        int processesKilled = 0;
        double teardownSeconds = 0;
        List<String> leftovers = new ArrayList<>();
        Double loadTime = null;
        Integer exitCode = null;
        boolean oom = false;
        long peak = 0;
        int attempts = 0;
        LoadTestResult load = null;
        RunningServer server = null;
        String serverLogText = "";
        Thread caller = Thread.currentThread();
        Runnable unregisterInterrupt = abort.onAbort(caller::interrupt);
        Path ownerFile = DeadSandboxes.ownerFile(tmp, sandboxId);
        try {
            // what runs killed before their teardown left (their owner process is gone) goes first, said in the log
            List<String> reclaimed = DeadSandboxes.reclaim(tmp);
            DeadSandboxes.claim(tmp, sandboxId);
            LiveSandboxes.registerPath(logFile);
            LiveSandboxes.registerPath(ownerFile);
            StringBuilder header = new StringBuilder();
            reclaimed.forEach(line -> header.append(RECLAIMED).append(line).append(" ---\n"));
            Files.writeString(logFile, header);
            LaunchPlan base = plan(sandboxId, spec, modelDir, mounts, tmp.resolve(sandboxId), logFile);
            checks.add(isolationCheck(backend, base));
            abortPoint(abort);
            Readiness readiness = null;
            for (attempts = 1; attempts <= spec.readiness().tries(); attempts++) {
                if (spec.readiness().tries() > 1) {
                    Files.writeString(logFile, "--- mlops: launch attempt " + attempts + " ---\n", StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.APPEND);
                }
                LaunchPlan plan = plan(sandboxId, spec, modelDir, mounts, tmp.resolve(sandboxId + "-" + attempts), logFile);
                long launched = System.nanoTime();
                try {
                    server = backend.start(plan);
                } catch (IOException e) {
                    throw new InfrastructureException("cannot start the " + backend.name() + " sandbox: " + e.getMessage(), e);
                }
                RunningServer started = server;
                Runnable unregisterClose = abort.onAbort(started::tearDown);
                try {
                    readiness = awaitReady(started, spec.readiness(), launched, abort);
                } finally {
                    unregisterClose.run();
                }
                if (readiness.ready) {
                    loadTime = readiness.seconds;
                    break;
                }
                if (attempts < spec.readiness().tries()) {
                    Teardown t = started.tearDown();
                    processesKilled += t.processesKilled();
                    teardownSeconds += t.seconds();
                    leftovers.addAll(t.leftovers());
                    server = null;
                }
            }
            attempts = Math.min(attempts, spec.readiness().tries());
            checks.add(readiness.check);
            if (readiness.ready) {
                RunningServer running = server;
                Runnable unregisterClose = abort.onAbort(running::tearDown);
                try {
                    if (!requestChecks.isEmpty()) {
                        checks.addAll(RequestChecker.run(running.endpoint(), requestChecks,
                                nanos(spec.checks().timeoutSeconds())));
                        abortPoint(abort);
                    }
                    if (spec.load() != null) {
                        load = loadTest(running, spec.load(), loadBody);
                        abortPoint(abort);
                        checks.addAll(budgetChecks(spec.load().budget(), load));
                    }
                } finally {
                    unregisterClose.run();
                }
                checks.add(livenessCheck(running, spec));
            }
        } catch (IOException e) {
            throw new InfrastructureException("infra validation failed on this machine: " + e.getMessage(), e);
        } finally {
            unregisterInterrupt.run();
            if (server != null) {
                OptionalInt code = server.exitCode();
                oom = server.outOfMemory();
                peak = server.peakMemoryBytes();
                Teardown t = server.tearDown();
                processesKilled += t.processesKilled();
                teardownSeconds += t.seconds();
                leftovers.addAll(t.leftovers());
                if (code.isPresent()) {
                    exitCode = code.getAsInt();
                }
            }
            // the log lives on in the result; the file goes on every path (abort and errors included)
            serverLogText = readTail(logFile);
            deleteQuietly(logFile);
            deleteQuietly(ownerFile); // last: until now a later run knows whose these things are
            LiveSandboxes.unregisterPath(logFile);
            LiveSandboxes.unregisterPath(ownerFile);
        }
        abortPoint(abort);
        Teardown teardown = new Teardown(processesKilled, teardownSeconds, leftovers);
        checks.add(teardown.clean()
                ? Check.pass("teardown", "nothing left behind", "processes, socket files, cgroups and containers removed "
                        + "(" + processesKilled + " process(es) killed)", "nothing left")
                : Check.fail("teardown", "nothing left behind", String.join("; ", leftovers), "nothing left",
                        "teardown left things behind: " + String.join("; ", leftovers)));
        String log = serverLogText;
        List<String> tail = tailLines(log);
        List<Check> failed = checks.stream().filter(Check::failed).toList();
        boolean blessed = failed.isEmpty();
        String failureReason = blessed ? null : failed.get(0).message();
        String verdict = blessed ? InfraValidationResult.INFRA_BLESSED : InfraValidationResult.INFRA_NOT_BLESSED;
        String summary = summary(verdict, backend, loadTime, checks, load, failureReason);
        return new InfraValidationResult(InfraValidationResult.SCHEMA_VERSION, verdict, blessed, summary, failureReason,
                backend.name(), backend.isolated(), choice.reason(), sandboxId, specFile.toString(),
                modelDir == null ? null : modelDir.toString(), spec.sandbox().memoryMb(), spec.sandbox().cpus(),
                backend.isolated() ? "none (private network namespace)" : "HOST NETWORK (not isolated)", loadTime, attempts,
                exitCode, oom, peak, checks, load, tail, log, teardown, startedAt, (System.nanoTime() - t0) / 1e9);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** A path the spec names that is wrong is the spec's error: the message starts with the spec file. */
    private static <T> T inSpec(Path specFile, java.util.function.Supplier<T> resolve) {
        try {
            return resolve.get();
        } catch (BadInputException e) {
            throw e.getMessage().startsWith(specFile.toString()) ? e : new BadInputException(specFile + ": " + e.getMessage(), e);
        }
    }

    /** The start of the log line that says what a dead earlier run's leftovers were and that they are gone. */
    public static final String RECLAIMED = "--- mlops: ";

    private static Path userPath(Path workspace, String path, String what) {
        if (path == null || path.isBlank()) {
            throw BadInputException.at(what, 0, "no path given", "name the " + what);
        }
        Path p = Path.of(path);
        // a path the person running the step or command typed may be absolute; paths inside specs may not
        return p.isAbsolute() ? p.normalize() : SafePaths.resolveInside(workspace, path, what);
    }

    private static byte[] loadBody(InfraSpec spec, Path workspace) {
        if (spec.load() == null) {
            return null;
        }
        InfraSpec.Request r = spec.load().request();
        if (r.bodyFile() != null) {
            Path file = SafePaths.existingFileInside(workspace, r.bodyFile(), "load.request.bodyFile");
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the path");
            }
        }
        return r.body() == null ? null : r.body().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static LaunchPlan plan(String id, InfraSpec spec, Path modelDir, List<LaunchPlan.HostMount> mounts,
                                   Path workDir, Path logFile) {
        return new LaunchPlan(id, spec.command(), spec.image(), modelDir, mounts, spec.env(), spec.port(),
                spec.sandbox().memoryMb(), spec.sandbox().cpus(), spec.sandbox().pids(), workDir, logFile);
    }

    private static Check isolationCheck(SandboxBackend backend, LaunchPlan plan) throws IOException, InterruptedException {
        String name = "no network egress";
        if (!backend.isolated()) {
            return Check.skip("isolation", name, "NOT ISOLATED: backend 'none' runs the server as a plain process on the"
                    + " host's network and file system, as the spec asked");
        }
        SandboxBackend.EgressProbe probe = backend.probeEgress(plan, 0);
        if (probe == null) {
            return Check.pass("isolation", name, "container started with --network=none", "no network");
        }
        return probe.connected()
                ? Check.fail("isolation", name, probe.evidence(), "connection fails",
                        "the sandbox can reach the host's network: " + probe.evidence())
                : Check.pass("isolation", name, probe.evidence(), "connection fails");
    }

    private record Readiness(boolean ready, double seconds, Check check) {
    }

    private Readiness awaitReady(RunningServer server, InfraSpec.Readiness spec, long launched, Abort abort)
            throws InterruptedException {
        String name = "ready: GET " + spec.path() + " answers 2xx while the server runs";
        long deadline = launched + nanos(spec.maxLoadSeconds());
        String expected = "2xx within " + fmt(spec.maxLoadSeconds()) + " s";
        String last = "no answer yet";
        byte[] probe = HttpConnection.encode(server.endpoint(), "GET", spec.path(), null, null);
        while (true) {
            abortPoint(abort);
            if (!server.alive()) {
                return new Readiness(false, 0, died(server, name, expected, launched, "before it was ready"));
            }
            long now = System.nanoTime();
            if (now >= deadline) {
                return new Readiness(false, 0, Check.fail("readiness", name, "not ready after " + fmt((now - launched) / 1e9)
                        + " s (last probe: " + last + ")" + pidsNote(server), expected, "never ready (timeout): GET " + spec.path()
                        + " did not answer 2xx within " + fmt(spec.maxLoadSeconds()) + " s; last probe: " + last
                        + "; the server was still running and has been stopped" + pidsNote(server)));
            }
            if (!server.mayAnswer()) {
                last = "nothing listens on the port yet";
                Thread.sleep(5);
                continue;
            }
            try (HttpConnection connection = new HttpConnection(server.endpoint())) {
                HttpConnection.Response r = connection.exchange(probe, Math.min(deadline - now, nanos(5)), true);
                last = "HTTP " + r.status();
                if (r.status() >= 200 && r.status() < 300) {
                    double seconds = (System.nanoTime() - launched) / 1e9;
                    if (server.alive()) {
                        return new Readiness(true, seconds, Check.pass("readiness", name, "ready after " + fmt(seconds) + " s",
                                expected));
                    }
                }
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("aborted");
                }
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
            // wait for the next poll, but look at the process often: a crash is reported at once
            long next = Math.min(deadline, System.nanoTime() + spec.pollIntervalMs() * 1_000_000L);
            while (System.nanoTime() < next && server.alive()) {
                Thread.sleep(Math.max(1, Math.min(25, (next - System.nanoTime()) / 1_000_000)));
            }
        }
    }

    private static Check died(RunningServer server, String name, String expected, long launched, String when) {
        OptionalInt code = server.exitCode();
        double after = (System.nanoTime() - launched) / 1e9;
        String status = code.isPresent() ? "status " + code.getAsInt() : "unknown status";
        if (server.outOfMemory()) {
            return Check.fail("readiness", name, "killed by the kernel: out of memory (" + status + ") after " + fmt(after) + " s",
                    expected, "out of memory: the server exceeded the sandbox's memory limit and was killed by the kernel ("
                            + status + ", " + fmt(after) + " s after launch, " + when + ")");
        }
        if (server.pidsLimitReached().isPresent()) {
            return Check.fail("readiness", name, "exited with " + status + " after " + fmt(after) + " s" + pidsNote(server),
                    expected, "stopped by the process limit: the server exited with " + status + " " + fmt(after)
                            + " s after launch, " + when + pidsNote(server));
        }
        return Check.fail("readiness", name, "exited with " + status + " after " + fmt(after) + " s", expected,
                "crashed: the server exited with " + status + " " + fmt(after) + " s after launch, " + when
                        + " (see the server log)");
    }

    /** "; it reached the sandbox's process limit (pids: N) ..." when a fork failed on it, else "". */
    private static String pidsNote(RunningServer server) {
        OptionalInt limit = server.pidsLimitReached();
        return limit.isEmpty() ? "" : "; it reached the sandbox's process limit (sandbox.pids: " + limit.getAsInt()
                + "), so a process or thread could not start. Fix: raise sandbox.pids in the spec, or start fewer workers";
    }

    private static LoadTestResult loadTest(RunningServer server, InfraSpec.LoadTest l, byte[] body) throws InterruptedException {
        byte[] request = HttpConnection.encode(server.endpoint(), l.request().method(), l.request().path(), body,
                l.request().contentType());
        LoadGenerator.Settings settings = new LoadGenerator.Settings(l.concurrency(),
                l.requests() == null ? 0 : l.requests(), l.durationSeconds() == null ? 0 : nanos(l.durationSeconds()),
                l.ratePerSecond() == null ? 0 : l.ratePerSecond(), l.warmupRequests(), nanos(l.timeoutSeconds()));
        return new LoadGenerator(server.endpoint(), request).run(settings);
    }

    static List<Check> budgetChecks(InfraSpec.Budget b, LoadTestResult load) {
        List<Check> checks = new ArrayList<>();
        latency(checks, "p50", b.p50Ms(), load.p50Ms());
        latency(checks, "p95", b.p95Ms(), load.p95Ms());
        latency(checks, "p99", b.p99Ms(), load.p99Ms());
        if (b.maxErrorRate() != null) {
            String measured = pct(load.errorRate()) + " (" + load.errors() + " of " + load.requests() + ")";
            String expected = "≤ " + pct(b.maxErrorRate());
            checks.add(load.errorRate() <= b.maxErrorRate() ? Check.pass("errors", "error rate", measured, expected)
                    : Check.fail("errors", "error rate", measured, expected, "error rate over budget: " + measured + " > "
                            + pct(b.maxErrorRate()) + (load.firstError() == null ? "" : "; first error: " + load.firstError())));
        }
        return checks;
    }

    private static void latency(List<Check> checks, String label, Double budget, double measured) {
        if (budget == null) {
            return;
        }
        String name = label + " latency";
        String m = fmt(measured) + " ms";
        String e = "≤ " + fmt(budget) + " ms";
        if (measured <= budget) {
            checks.add(Check.pass("latency", name, m, e));
        } else {
            checks.add(Check.fail("latency", name, m, e, "latency over budget: " + label + " " + m + " > " + fmt(budget)
                    + " ms (over by " + fmt(measured - budget) + " ms, " + String.format(Locale.ROOT, "%.0f%%",
                    budget > 0 ? 100 * (measured - budget) / budget : 100) + ")"));
        }
    }

    private static Check livenessCheck(RunningServer server, InfraSpec spec) {
        String name = "server still running after the tests";
        if (server.alive()) {
            return Check.pass("liveness", name, "running", "running");
        }
        OptionalInt code = server.exitCode();
        String status = code.isPresent() ? "status " + code.getAsInt() : "unknown status";
        if (server.outOfMemory()) {
            return Check.fail("liveness", name, "killed: out of memory (" + status + ")", "running",
                    "out of memory: the server exceeded the sandbox's " + spec.sandbox().memoryMb()
                            + " MiB memory limit during the tests and was killed by the kernel (" + status + ")");
        }
        return Check.fail("liveness", name, "exited with " + status, "running",
                "crashed during the tests: the server exited with " + status + " (see the server log)");
    }

    private static String summary(String verdict, SandboxBackend backend, Double loadTime, List<Check> checks,
                                  LoadTestResult load, String failureReason) {
        StringBuilder s = new StringBuilder(verdict).append(" in ").append(backend.name())
                .append(backend.isolated() ? " (isolated)" : " (NOT ISOLATED)");
        if (loadTime != null) {
            s.append(", ready in ").append(fmt(loadTime)).append(" s");
        }
        long requests = checks.stream().filter(c -> c.kind().equals("request")).count();
        if (requests > 0) {
            s.append(", ").append(checks.stream().filter(c -> c.kind().equals("request") && c.passed()).count())
                    .append('/').append(requests).append(" request checks passed");
        }
        if (load != null) {
            s.append(", p50/p95/p99 ").append(fmt(load.p50Ms())).append('/').append(fmt(load.p95Ms())).append('/')
                    .append(fmt(load.p99Ms())).append(" ms at ").append(fmt(load.requestsPerSecond())).append(" req/s, ")
                    .append(pct(load.errorRate())).append(" errors");
        }
        if (failureReason != null) {
            s.append(": ").append(failureReason);
        }
        return s.toString();
    }

    private static void abortPoint(Abort abort) throws InterruptedException {
        if (abort.requested() || Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("infra validation aborted");
        }
    }

    static long nanos(double seconds) {
        return Math.round(seconds * 1e9);
    }

    static String fmt(double v) {
        return MetricFormat.compact(v);
    }

    static String pct(double fraction) {
        return MetricFormat.percentTwoDecimals(fraction);
    }

    private static String readTail(Path log) {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long length = f.length();
            long from = Math.max(0, length - LOG_KEEP_BYTES);
            byte[] bytes = new byte[(int) (length - from)];
            f.seek(from);
            f.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            return from > 0 ? "[… earlier output cut …]\n" + text.substring(Math.max(0, text.indexOf('\n') + 1)) : text;
        } catch (IOException e) {
            return "";
        }
    }

    private static List<String> tailLines(String log) {
        List<String> lines = log.lines().toList();
        return List.copyOf(lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file; nothing else to do
        }
    }

    /** The result as pretty JSON (the CLI's --json, the stored stage details). */
    public static String toJson(InfraValidationResult result) {
        return Json.pretty(result);
    }
}
