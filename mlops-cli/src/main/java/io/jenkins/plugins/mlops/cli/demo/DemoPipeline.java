package io.jenkins.plugins.mlops.cli.demo;

import io.jenkins.plugins.mlops.cli.StageRecorder;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.LoopbackPorts;
import io.jenkins.plugins.mlops.core.promotion.RegistryPromotion;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.report.ComparisonReport;
import io.jenkins.plugins.mlops.core.rollout.PromotionTarget;
import io.jenkins.plugins.mlops.core.rollout.RolloutStatus;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The demo's pipeline over the example project, for each candidate model:
 * train → track → validate data → validate model (metrics and behavioural tests against the
 * model's server) → infra-validate (the server in a sandbox, load-tested) → bless against the
 * latest blessed model → publish to the registry → promote: the first model is deployed to
 * production directly (nothing to compare it with), every later one by a canary rollout through
 * real nginx, judged on Prometheus metrics, over the model in production. A stage that says no stops that
 * candidate, and the report shows where. Every stage is the real {@code mlops} command.
 */
public final class DemoPipeline {
    /** Debian's Python, which sees Debian's scikit-learn (the pyenv python3 on PATH does not); every model process runs on it. */
    public static final String PYTHON = "/usr/bin/python3";

    /** A candidate: its hyperparameters, and whether it is meant to be the regression. */
    record Candidate(String name, List<String> trainArgs, boolean regression) {
    }

    static final List<Candidate> CANDIDATES = List.of(
            new Candidate("first-model", List.of("--alpha", "0.001", "--epochs", "5"), false),
            new Candidate("good-model", List.of("--alpha", "0.0001", "--epochs", "30"), false),
            new Candidate("regressed-model", List.of("--alpha", "0.1", "--epochs", "3", "--label-noise", "0.1"), true));

    /** What one candidate went through: its run, and the stage that stopped it (null: it went all the way). */
    public record CandidateOutcome(String name, String runId, String stoppedAt) {
    }

    static final String MODEL = "breast-cancer";
    static final String STAGE = "production";
    /** The second person production's policy asks for; a demo has no one else to ask. */
    static final String REVIEWER = "release-reviewer";

    /** What the demo produced. */
    public record Outcome(List<CandidateOutcome> candidates, Path report, int exitCode) {
    }

    private final Path example;
    private final Path workdir;
    private final PrintWriter out;

    /** Whether the monitoring-to-retraining loop ({@link DemoLoop}) runs after the models. */
    private final boolean loop;

    public DemoPipeline(Path example, Path workdir, PrintWriter out) {
        this(example, workdir, out, false);
    }

    public DemoPipeline(Path example, Path workdir, PrintWriter out, boolean loop) {
        this.example = example.toAbsolutePath().normalize();
        this.workdir = workdir.toAbsolutePath().normalize();
        this.out = out;
        this.loop = loop;
    }

    /** examples/breast-cancer of the repository bin/mlops runs from, else of the working directory. */
    static Path locateExample() {
        String repo = System.getProperty("mlops.repo");
        Path base = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath();
        Path example = base.resolve("examples/breast-cancer");
        if (!Files.isRegularFile(example.resolve("train.py"))) {
            throw BadInputException.at(example, 0, "the example project is not there",
                    "run from the repository root, or give --example DIR");
        }
        return example;
    }

    public Outcome run() throws IOException {
        Instant started = Instant.now();
        checkPython();
        Path workspace = workdir.resolve("workspace");
        copyExample(workspace);
        String store = workdir.resolve(".mlops").toString();
        RunStore runs = new RunStore(Path.of(store));
        StageRunner stages = new StageRunner(runs, out);
        List<CandidateOutcome> outcomes = new ArrayList<>();
        for (Candidate candidate : CANDIDATES) {
            out.println();
            out.println("== " + candidate.name() + " (" + String.join(" ", candidate.trainArgs()) + ")");
            out.flush();
            outcomes.add(runCandidate(candidate, workspace, store, runs, stages));
        }
        if (loop) {
            outcomes.add(runLoop(outcomes, workspace, store, runs, stages));
        }
        Path report = workdir.resolve("report.html");
        AtomicFiles.writeString(report, ComparisonReport.of("MLOps demo: breast-cancer", runs.list()).toHtmlPage());
        out.println();
        for (CandidateOutcome o : outcomes) {
            out.println(o.name() + ": " + (o.stoppedAt() == null ? "went through every stage" : "stopped at " + o.stoppedAt())
                    + " (run " + o.runId() + ")");
        }
        out.println("Report: " + report);
        out.printf(Locale.ROOT, "Done in %.1f s.%n", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        out.flush();
        return new Outcome(outcomes, report, 0);
    }

    /** The loop over the model in production (the last candidate that went all the way); its retrained candidate. */
    private CandidateOutcome runLoop(List<CandidateOutcome> outcomes, Path workspace, String store, RunStore runs,
                                     StageRunner stages) throws IOException {
        out.println();
        out.println("== the loop: monitoring the model in production, retraining on drift");
        out.flush();
        CandidateOutcome production = outcomes.stream().filter(o -> o.stoppedAt() == null)
                .reduce((a, b) -> b).orElseThrow(() -> new InfrastructureException("no model reached production"));
        String version = runs.read(production.runId()).stages().get("publish").details().path("version").asText();
        DemoLoop.Result loopResult = DemoLoop.run(workspace, store, version, production.runId(), modelDirs.get(version),
                stages, out, c -> runCandidate(c, workspace, store, runs, stages));
        return loopResult.retrained() != null ? loopResult.retrained()
                : new CandidateOutcome(DemoLoop.CANDIDATE, production.runId(), "monitoring (" + loopResult.verdict() + ")");
    }

    /** Model directory of each published version, so a later rollout can serve it as stable. */
    private final java.util.Map<String, Path> modelDirs = new java.util.HashMap<>();

    private CandidateOutcome runCandidate(Candidate candidate, Path workspace, String store, RunStore runs,
                                          StageRunner stages) {
        String dir = "runs/" + candidate.name();
        train(workspace, candidate, dir, stages);
        String runId = stages.mlops("track", "--store", store, "-w", workspace.toString(), "-e", "breast-cancer",
                "-n", candidate.name(), "--params", dir + "/params.json", "-m", dir + "/history.jsonl",
                "-m", dir + "/metrics.json", "-d", "train=data/train.csv", "-d", "valid=data/valid.csv",
                "-d", "serving=data/serving.csv", "-a", dir + "/model", "-a", dir + "/predictions.csv",
                "-t", "intended=" + (candidate.regression() ? "regression" : "improvement")).out().strip();
        RunRecord run = runs.read(runId);
        stages.line("track", "RECORDED", "run " + runId + ", valid_auc " + fmt(run.metrics().get("valid_auc").last())
                + " after " + run.metrics().get("valid_auc").count() + " epochs");

        if (!stages.stage("validate data", "dataValidation", runId, "validate", "data",
                workspace.resolve("data/valid.csv").toString(), "--schema", workspace.resolve("schema.json").toString(),
                "--reference", workspace.resolve("data/train.csv").toString(),
                "--serving", workspace.resolve("data/serving.csv").toString(), "--store", store, "--run", runId)) {
            return new CandidateOutcome(candidate.name(), runId, "data validation");
        }
        boolean testsPassed;
        try (ModelServer server = ModelServer.start(workspace, workspace.resolve(dir + "/model"), candidate.name())) {
            testsPassed = stages.stage("validate model", "modelTests", runId, "validate", "model", "-w",
                    workspace.toString(), "--tests", "model-tests.yaml", "--predictions", dir + "/predictions.csv",
                    "--endpoint", server.predictUrl(), "--store", store, "--run", runId);
        }
        if (!testsPassed) {
            return new CandidateOutcome(candidate.name(), runId, "model tests");
        }
        if (!stages.stage("infra-validate", "infraValidation", runId, "infra-validate", "--spec",
                workspace.resolve("infra.yaml").toString(),
                "--model", workspace.resolve(dir + "/model").toString(), "--workspace", workspace.toString(), "--store", store, "--run", runId)) {
            return new CandidateOutcome(candidate.name(), runId, "infra validation");
        }
        if (!stages.stage("bless", "blessing", runId, "bless", "-w", workspace.toString(), "--gates", "gates.yaml",
                "--candidate", dir + "/predictions.csv", "--baseline", "run:latest-blessed", "--store", store,
                "--run", runId)) {
            return new CandidateOutcome(candidate.name(), runId, "blessing");
        }
        Path registry = Path.of(store).resolve("registry");
        if (!stages.stage("publish", "publish", runId, "publish", MODEL, workspace.resolve(dir + "/model").toString(),
                "--run", runId, "--store", store, "--registry", registry.toString())) {
            return new CandidateOutcome(candidate.name(), runId, "publish");
        }
        String version = runs.read(runId).stages().get("publish").details().path("version").asText();
        modelDirs.put(version, workspace.resolve(dir + "/model"));
        if (!promote(runId, version, workspace, registry, runs, stages)) {
            return new CandidateOutcome(candidate.name(), runId, "promotion");
        }
        return new CandidateOutcome(candidate.name(), runId, null);
    }

    /** Production empty: deploy directly. Otherwise a canary rollout over the version in production. */
    private boolean promote(String runId, String version, Path workspace, Path registry, RunStore runs,
                            StageRunner stages) {
        java.util.Optional<String> stable;
        try (Registry reg = Registry.openLocal(registry)) {
            stable = reg.stages(MODEL).current(STAGE).map(Object::toString);
        }
        if (stable.isEmpty()) {
            StageRunner.Result assign = stages.mlops("registry", "stage", MODEL, version, STAGE, "--approved-by", REVIEWER,
                    "--reason", "first deployment: nothing in production to compare with", "--registry",
                    registry.toString());
            stages.line("promote", assign.exitCode() == 0 ? "DEPLOYED" : "REFUSED",
                    MODEL + " " + version + " is '" + STAGE + "' (first deployment, no canary: nothing to compare with)");
            return assign.exitCode() == 0;
        }
        // the registry's production policy asks for an approval: the rollout pauses and the demo's reviewer gives it
        PromotionTarget target = new RegistryPromotion(() -> Registry.openLocal(registry), "mlops-demo", null, true);
        DemoRollout.Result rollout = DemoRollout.promote(workspace, example, MODEL, stable.get(),
                modelDirs.get(stable.get()), version, modelDirs.get(version), target, out);
        StageRecorder.target(runs, runId).store(rollout.stage()); // its reports are in the workspace
        stages.line("promote", rollout.status().name(), rollout.summary());
        return rollout.status() == RolloutStatus.PROMOTED;
    }

    private void train(Path workspace, Candidate candidate, String dir, StageRunner stages) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "train.py"));
        command.addAll(candidate.trainArgs());
        command.addAll(List.of("--out", dir));
        ProcessOutput result = runProcess(workspace, command, Duration.ofMinutes(3));
        if (result.code() != 0) {
            throw new InfrastructureException("train.py failed (exit " + result.code() + "):\n" + result.tail());
        }
        stages.line("train", "OK", "model written to " + dir + "/model");
    }

    private void checkPython() {
        ProcessOutput probe = runProcess(Path.of("."), List.of(PYTHON, "-c",
                "import sklearn, numpy, prometheus_client; print(sklearn.__version__)"), Duration.ofSeconds(60));
        if (probe.code() != 0) {
            throw new InfrastructureException("the demo needs Debian's Python with scikit-learn and prometheus_client at "
                    + PYTHON + ": run bin/install-test-deps first.\n" + probe.tail());
        }
        out.printf(Locale.ROOT, "  %-16s %-18s %s%n", "setup", "OK", "scikit-learn " + probe.lastLine() + " at " + PYTHON);
    }

    private void copyExample(Path workspace) throws IOException {
        if (Files.exists(workdir.resolve(".mlops")) || Files.exists(workspace)) {
            deleteTree(workdir.resolve(".mlops"));
            deleteTree(workspace);
        }
        Files.createDirectories(workspace);
        try (Stream<Path> files = Files.walk(example)) {
            for (Path source : files.toList()) {
                Path relative = example.relativize(source);
                if (relative.toString().contains("__pycache__")) {
                    continue;
                }
                Path target = workspace.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        out.printf(Locale.ROOT, "  %-16s %-18s %s%n", "setup", "OK", "example copied to " + workspace);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static String fmt(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** The candidate's model server (serve.py) as a plain local process, for the behavioural tests. */
    static final class ModelServer implements AutoCloseable {
        private final Process process;
        private final int port;
        private final Path log;

        private ModelServer(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.log = log;
        }

        static ModelServer start(Path workspace, Path modelDir, String version) {
            return start(workspace, modelDir, version, java.util.Map.of());
        }

        /** @param env extra environment of serve.py, e.g. SERVING_LOG to write its serving log */
        static ModelServer start(Path workspace, Path modelDir, String version, java.util.Map<String, String> env) {
            try {
                int port = LoopbackPorts.free();
                Path log = Files.createTempFile("mlops-demo-server", ".log");
                ProcessBuilder builder = new ProcessBuilder(PYTHON, "serve.py", "--model-dir", modelDir.toString(),
                        "--port", Integer.toString(port)).directory(workspace.toFile()).redirectErrorStream(true)
                        .redirectOutput(log.toFile());
                builder.environment().put("MODEL_VERSION", version);
                builder.environment().putAll(env);
                ModelServer server = new ModelServer(builder.start(), port, log);
                server.awaitHealthy(Duration.ofSeconds(60));
                return server;
            } catch (IOException e) {
                throw new InfrastructureException("cannot start serve.py: " + e.getMessage(), e);
            }
        }

        String predictUrl() {
            return "http://127.0.0.1:" + port + "/predict";
        }

        private void awaitHealthy(Duration timeout) throws IOException {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    String tail = Files.readString(log, StandardCharsets.UTF_8);
                    close();
                    throw new InfrastructureException("serve.py exited with " + process.exitValue() + ":\n" + tail);
                }
                try {
                    HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(1)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    close();
                    throw new InfrastructureException("interrupted while waiting for serve.py", e);
                }
                sleep(100);
            }
            close();
            throw new InfrastructureException("serve.py was not healthy within " + timeout.toSeconds() + " s");
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
                Files.deleteIfExists(log);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException ignored) {
                // a temp log left behind is harmless
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A finished child process: exit code and what it printed (stdout and stderr together). */
    record ProcessOutput(int code, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\n");
            return lines[lines.length - 1];
        }

        String tail() {
            String[] lines = output.strip().split("\n");
            return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 20), lines.length));
        }
    }

    static ProcessOutput runProcess(Path dir, List<String> command, Duration timeout) {
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new InfrastructureException(command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new ProcessOutput(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (command.get(0).equals(PYTHON)) {
                throw new InfrastructureException(PYTHON + " is missing: run bin/install-test-deps first", e);
            }
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while running " + command.get(0), e);
        }
    }
}
