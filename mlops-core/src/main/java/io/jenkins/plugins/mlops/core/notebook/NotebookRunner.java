package io.jenkins.plugins.mlops.core.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.infra.Backends;
import io.jenkins.plugins.mlops.core.infra.LaunchPlan;
import io.jenkins.plugins.mlops.core.infra.Leftovers;
import io.jenkins.plugins.mlops.core.infra.RunningServer;
import io.jenkins.plugins.mlops.core.infra.SandboxBackend;
import io.jenkins.plugins.mlops.core.infra.Teardown;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.FileTrees;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.ingest.MetricsIngest;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Smoke-tests a notebook: reads it ({@link NotebookReader}), injects the given parameters after the
 * cell tagged {@code parameters} as papermill does, refuses IPython calls that cannot run, and runs
 * the code cells one by one with the project's Python in the infra validation's sandbox (bubblewrap:
 * no network, memory, CPU and process limits; everything killed at the end), under one time budget.
 * Each cell's time comes from the runner's JSON lines; the cell running when the budget ran out or
 * the memory limit struck is the last one started.
 */
public final class NotebookRunner {
    private static final int OUTPUT_KEEP_BYTES = 32 * 1024;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String INJECTED = "injected parameters";

    private NotebookRunner() {
    }

    /**
     * @throws BadInputException       the notebook, a parameter or the metrics file is wrong (nothing ran)
     * @throws InfrastructureException no sandbox can run here
     * @throws InterruptedException    aborted; the sandbox has been torn down
     */
    public static NotebookResult run(NotebookRequest request) throws InterruptedException {
        Instant ranAt = Instant.now();
        Path workspace = Path.of(request.workspace() == null ? "" : request.workspace()).toAbsolutePath().normalize();
        Path file = SafePaths.existingFileInside(workspace, request.notebook(), "notebook");
        Notebook nb = NotebookReader.read(file);
        List<CellCode> cells = cells(file, nb, request.parameters());
        MagicSupport.check(file, cells);
        if (request.metricsFile() != null) {
            SafePaths.resolveInside(file.getParent(), request.metricsFile(), "metrics file");
        }
        if (!request.python().startsWith("/usr/")) {
            throw BadInputException.at("--python " + request.python(), 0, "the sandbox shows only /usr of the host",
                    "use a Python under /usr, such as " + NotebookRequest.DEFAULT_PYTHON);
        }
        Backends.Choice choice;
        try {
            choice = Backends.choose("auto", false);
        } catch (InfrastructureException e) {
            throw new InfrastructureException("a notebook runs only in the bubblewrap sandbox, which cannot run on this machine: "
                    + new io.jenkins.plugins.mlops.core.infra.BubblewrapBackend().unavailableReason(), e);
        }
        SandboxBackend backend = choice.backend();
        String id = "mlops-notebook-" + HexFormat.of().formatHex(bytes(5));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path runDir = tmp.resolve(id + "-files");
        Path log = tmp.resolve(id + ".log");
        RunningServer sandbox = null;
        Teardown teardown = null;
        boolean timedOut = false;
        long t0 = System.nanoTime();
        double seconds;
        try {
            Files.createDirectories(runDir);
            Files.writeString(log, "");
            try (InputStream runner = NotebookRunner.class.getResourceAsStream("notebook_runner.py")) {
                Files.write(runDir.resolve("runner.py"), runner.readAllBytes());
            }
            List<Map<String, Object>> payload = new ArrayList<>();
            cells.forEach(c -> payload.add(Map.of("label", c.label(), "code", c.code())));
            AtomicFiles.writeJson(runDir.resolve("cells.json"), payload, false);
            Files.writeString(runDir.resolve("events.jsonl"), "");
            LaunchPlan plan = new LaunchPlan(id, List.of(request.python(), "-u", "/mlops/runner.py", "/mlops/cells.json",
                    "/mlops/events.jsonl", "/work"), null, null,
                    List.of(new LaunchPlan.HostMount(runDir, "/mlops", true), new LaunchPlan.HostMount(file.getParent(), "/work", true)),
                    Map.of("PYTHONDONTWRITEBYTECODE", "1", "MPLBACKEND", "Agg"), 0, request.memoryMb(), request.cpus(), 256,
                    tmp.resolve(id), log);
            try {
                sandbox = backend.start(plan);
            } catch (IOException e) {
                throw new InfrastructureException("cannot start the " + backend.name() + " sandbox: " + e.getMessage(), e);
            }
            long deadline = t0 + request.timeoutSeconds() * 1_000_000_000L;
            while (sandbox.alive()) {
                if (System.nanoTime() >= deadline) {
                    timedOut = true;
                    break;
                }
                Thread.sleep(20);
            }
            seconds = (System.nanoTime() - t0) / 1e9;
            boolean oom = sandbox.outOfMemory();
            long peak = sandbox.peakMemoryBytes();
            teardown = sandbox.tearDown();
            sandbox = null;
            List<String> leftovers = new ArrayList<>(teardown.leftovers());
            leftovers.addAll(Leftovers.processes(id));
            List<CellRun> runs = runs(cells, Files.readAllLines(runDir.resolve("events.jsonl"), StandardCharsets.UTF_8), timedOut, oom,
                    request);
            String output = tail(log);
            boolean failed = runs.stream().anyMatch(CellRun::failed);
            Map<String, Double> metrics = failed ? Map.of() : metrics(file.getParent(), request.metricsFile(), output);
            Map<Integer, String> sources = new LinkedHashMap<>();
            nb.codeCells().forEach(c -> sources.put(c.number(), c.source()));
            boolean passed = !failed && leftovers.isEmpty();
            return new NotebookResult(passed ? NotebookResult.PASSED : NotebookResult.FAILED, passed, request.notebook(),
                    backend.name(), backend.isolated(), seconds, request.timeoutSeconds(), request.memoryMb(), request.cpus(), peak,
                    runs, request.parameters(), metrics, sources, output, leftovers, ranAt, ScriptExport.script(nb));
        } catch (IOException e) {
            throw new InfrastructureException("cannot prepare the notebook's sandbox in " + tmp + ": " + e.getMessage(), e);
        } finally {
            if (sandbox != null) {
                sandbox.tearDown();
            }
            FileTrees.deleteQuietly(runDir);
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temporary file: the next run does not need it gone
            }
        }
    }

    /** The code cells to run, the parameters injected after the cell tagged {@code parameters} (at the top when none is). */
    static List<CellCode> cells(Path file, Notebook nb, Map<String, String> parameters) {
        List<CellCode> cells = new ArrayList<>();
        boolean injected = parameters.isEmpty();
        for (NotebookCell cell : nb.codeCells()) {
            cells.add(CellCode.of(cell));
            if (!injected && cell.tags().contains("parameters")) {
                cells.add(injected(file, parameters, cell.number()));
                injected = true;
            }
        }
        if (!injected) {
            cells.add(0, injected(file, parameters, 0));
        }
        return cells;
    }

    private static CellCode injected(Path file, Map<String, String> parameters, int after) {
        StringBuilder code = new StringBuilder("# Parameters\n");
        parameters.forEach((name, value) -> {
            if (!IDENTIFIER.matcher(name).matches()) {
                throw BadInputException.at("parameter " + name, 0, "not a Python name", "name a variable of the parameters cell of " + file.getFileName());
            }
            code.append(name).append(" = ").append(literal(value)).append('\n');
        });
        return new CellCode(INJECTED, after, code.toString(), code.toString(), 0);
    }

    /** A value as papermill's command line reads it: a whole number, a number, True, False, None, else text. */
    static String literal(String value) {
        if (value.matches("[-+]?\\d+") || value.matches("[-+]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")
                || value.equals("True") || value.equals("False") || value.equals("None")) {
            return value;
        }
        return PythonRepr.of(value);
    }

    private static List<CellRun> runs(List<CellCode> cells, List<String> events, boolean timedOut, boolean oom, NotebookRequest request) {
        Map<String, JsonNode> ends = new LinkedHashMap<>();
        String lastStarted = null;
        for (String line : events) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode e = Json.mapper().readTree(line);
                if ("start".equals(e.path("event").asText())) {
                    lastStarted = e.path("label").asText();
                } else {
                    ends.put(e.path("label").asText(), e);
                }
            } catch (IOException e) {
                // a line cut by the kill: the start before it still says which cell ran
            }
        }
        List<CellRun> runs = new ArrayList<>();
        for (CellCode cell : cells) {
            JsonNode end = ends.get(cell.label());
            if (end != null) {
                boolean passed = "passed".equals(end.path("status").asText());
                Integer line = passed || !end.path("line").isInt() ? null : cell.sourceLine(end.path("line").asInt());
                runs.add(new CellRun(cell.label(), cell.number(), passed ? CellRun.PASSED : CellRun.FAILED, end.path("seconds").asDouble(),
                        line, line == null ? null : cell.sourceText(line), passed ? null : end.path("error").asText(null),
                        passed ? null : end.path("message").asText(null), passed ? null : end.path("traceback").asText(null)));
            } else if (cell.label().equals(lastStarted)) {
                String why = timedOut ? "the notebook's time budget of " + request.timeoutSeconds() + " s ran out in this cell"
                        : oom ? "the memory limit of " + request.memoryMb() + " MB was reached in this cell"
                        : "the Python process died in this cell";
                runs.add(new CellRun(cell.label(), cell.number(), timedOut ? CellRun.TIMED_OUT : CellRun.KILLED, 0, null, null,
                        timedOut ? "TimedOut" : oom ? "OutOfMemory" : "Killed", why, null));
            } else {
                runs.add(new CellRun(cell.label(), cell.number(), CellRun.NOT_RUN, 0, null, null, null, null, null));
            }
        }
        if (lastStarted == null && !cells.isEmpty() && ends.isEmpty()) {
            // nothing started: Python itself did not run (a missing interpreter, the sandbox refused)
            CellRun first = runs.get(0);
            runs.set(0, new CellRun(first.label(), first.number(), CellRun.KILLED, 0, null, null, "NotStarted",
                    timedOut ? "the time budget ran out before Python started" : "Python did not start in the sandbox (see the output)", null));
        }
        return runs;
    }

    /** The notebook's metrics: the metrics file when named (any format of mlops track), else a final JSON object line. */
    private static Map<String, Double> metrics(Path dir, String metricsFile, String output) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (metricsFile != null) {
            Path file = SafePaths.resolveInside(dir, metricsFile, "metrics file");
            if (!Files.exists(file)) {
                throw BadInputException.at(file, 0, "the notebook did not write its metrics file", "write it from the notebook, or leave out the metrics file");
            }
            for (Map.Entry<String, MetricSeries> e : MetricsIngest.read(file, System.currentTimeMillis()).metrics().entrySet()) {
                if (e.getValue().last() != null) {
                    metrics.put(e.getKey(), e.getValue().last());
                }
            }
            return metrics;
        }
        String[] lines = output.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        if (last.startsWith("{") && last.endsWith("}")) {
            try {
                JsonNode node = Json.mapper().readTree(last);
                node.fields().forEachRemaining(f -> {
                    if (f.getValue().isNumber()) {
                        metrics.put(f.getKey(), f.getValue().asDouble());
                    }
                });
            } catch (IOException e) {
                // the last line only looked like JSON: no metrics
            }
        }
        return metrics;
    }

    private static String tail(Path log) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(0, f.length() - OUTPUT_KEEP_BYTES);
            byte[] bytes = new byte[(int) (f.length() - start)];
            f.seek(start);
            f.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
