package io.jenkins.plugins.mlops.cli.demo;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.report.ComparisonReport;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.TrackRequest;
import io.jenkins.plugins.mlops.core.track.Tracker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The demo's pipeline over the example project. Each stage prints one line: its verdict and the
 * measured value that decided it.
 */
public final class DemoPipeline {
    /** Debian's Python, which sees Debian's scikit-learn (the pyenv python3 on PATH does not). */
    static final String PYTHON = "/usr/bin/python3";

    /** The two runs: hyperparameters, and whether the run is meant to be the regression. */
    record Candidate(String name, List<String> trainArgs, boolean regression) {
    }

    static final List<Candidate> CANDIDATES = List.of(
            new Candidate("good-model", List.of("--alpha", "0.0001", "--epochs", "30"), false),
            new Candidate("regressed-model", List.of("--alpha", "0.05", "--epochs", "3", "--label-noise", "0.3"), true));

    /** What the demo produced. */
    public record Outcome(List<RunRecord> runs, Path report, int exitCode) {
    }

    private final Path example;
    private final Path workdir;
    private final PrintWriter out;

    public DemoPipeline(Path example, Path workdir, PrintWriter out) {
        this.example = example.toAbsolutePath().normalize();
        this.workdir = workdir.toAbsolutePath().normalize();
        this.out = out;
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

    public Outcome run() throws IOException, InterruptedException {
        Instant started = Instant.now();
        checkPython();
        Path workspace = workdir.resolve("workspace");
        copyExample(workspace);
        RunStore store = new RunStore(workdir.resolve(".mlops"));
        List<RunRecord> runs = new ArrayList<>();
        for (Candidate candidate : CANDIDATES) {
            out.println();
            out.println("== " + candidate.name() + " (" + String.join(" ", candidate.trainArgs()) + ")");
            Path runDir = workspace.resolve("runs").resolve(candidate.name());
            stage("train", () -> train(workspace, runDir, candidate));
            RunRecord run = track(workspace, candidate);
            store.create(run);
            line("track", "RECORDED", "run " + run.id() + ", valid_auc " + fmt(run.metrics().get("valid_auc").last()));
            runs.add(run);
        }
        Path report = workdir.resolve("report.html");
        AtomicFiles.writeString(report, ComparisonReport.of("MLOps demo: breast-cancer", store.list()).toHtmlPage());
        out.println();
        out.println("Report: " + report);
        out.printf(Locale.ROOT, "Done in %.1f s.%n", Duration.between(started, Instant.now()).toMillis() / 1000.0);
        out.flush();
        return new Outcome(runs, report, 0);
    }

    private RunRecord track(Path workspace, Candidate candidate) {
        String dir = "runs/" + candidate.name();
        TrackRequest request = new TrackRequest("breast-cancer", candidate.name(), Map.of(),
                List.of(dir + "/params.json"), List.of(dir + "/history.jsonl", dir + "/metrics.json"),
                Map.of("demo", "true", "intended", candidate.regression() ? "regression" : "improvement"), null,
                Map.of("train", "data/train.csv", "valid", "data/valid.csv"), List.of(dir + "/model"),
                new CiSource("mlops-demo", "breast-cancer", null, null));
        Instant start = Instant.now();
        return new Tracker(workspace).track(request, RunStore.newRunId(start), start);
    }

    private void train(Path workspace, Path runDir, Candidate candidate) {
        List<String> command = new ArrayList<>(List.of(PYTHON, "train.py"));
        command.addAll(candidate.trainArgs());
        command.addAll(List.of("--out", workspace.relativize(runDir).toString()));
        ProcessOutput result = runProcess(workspace, command, Duration.ofMinutes(3));
        if (result.code() != 0) {
            throw new InfrastructureException("train.py failed (exit " + result.code() + "):\n" + result.tail());
        }
        line("train", "OK", result.lastLine());
    }

    private void checkPython() {
        ProcessOutput probe = runProcess(Path.of("."), List.of(PYTHON, "-c", "import sklearn, numpy; print(sklearn.__version__)"),
                Duration.ofSeconds(60));
        if (probe.code() != 0) {
            throw new InfrastructureException("the demo needs Debian's Python with scikit-learn at " + PYTHON
                    + ": run bin/install-test-deps (apt-get install python3-sklearn ...) first.\n" + probe.tail());
        }
        line("setup", "OK", "scikit-learn " + probe.lastLine() + " at " + PYTHON);
    }

    private void copyExample(Path workspace) throws IOException {
        if (Files.exists(workdir.resolve(".mlops")) || Files.exists(workspace)) {
            deleteTree(workdir);
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
        line("setup", "OK", "example copied to " + workspace);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void stage(String name, Runnable body) {
        body.run();
    }

    private void line(String stage, String verdict, String detail) {
        out.printf(Locale.ROOT, "  %-16s %-18s %s%n", stage, verdict, detail);
        out.flush();
    }

    static String fmt(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.4f", value);
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
