package io.jenkins.plugins.mlops.cli.demo;

import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.event.RegistryEvent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code mlops demo --loop}: continuous monitoring closing into continuous training, after the
 * demo's models. The production model is served with its serving log on; traffic comes from the
 * example's send_traffic.py, first the held-out serving rows, then the population shifts: only its
 * larger tumours (mean radius at or above the median) arrive, {@value #SHIFTED_PASSES} times over, so
 * the size features move. {@code mlops monitor} over the log finds DRIFT and keeps the verdict in the
 * registry as a {@code monitor:DRIFT} event; the example's train.py retrains on the newer data (its
 * training rows plus the shifted rows, once each, labelled as their ground truth arrived) and the
 * new model goes through the demo's own stages to a canary.
 */
final class DemoLoop {
    /** How often the shifted rows are sent: enough to move the window's distribution over the drift threshold. */
    static final int SHIFTED_PASSES = 3;
    static final String SHIFT_FEATURE = "mean_radius";
    static final String CANDIDATE = "retrained-model";

    /** What the loop did: the monitoring verdict that started it, its event, and the retrained candidate. */
    record Result(String verdict, String event, DemoPipeline.CandidateOutcome retrained) {
    }

    private DemoLoop() {
    }

    /**
     * @param productionRunId the run of the model in production (the monitoring check is recorded in it)
     * @param productionModel its model directory
     * @param retrain         runs a candidate through every stage of the demo
     */
    static Result run(Path workspace, String store, String productionVersion, String productionRunId, Path productionModel,
                      StageRunner stages, PrintWriter out, Function<DemoPipeline.Candidate, DemoPipeline.CandidateOutcome> retrain)
            throws IOException {
        Path registry = Path.of(store).resolve("registry");
        Path log = workspace.resolve("logs/serving.jsonl");
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        List<String> shifted = writeShifted(workspace);
        try (DemoPipeline.ModelServer server = DemoPipeline.ModelServer.start(workspace, productionModel, productionVersion,
                Map.of("SERVING_LOG", log.toString()))) {
            stages.line("serve", "SERVING", DemoPipeline.MODEL + " " + productionVersion + " (production) at "
                    + server.predictUrl() + ", serving log " + workspace.relativize(log));
            send(workspace, server.predictUrl(), "data/serving.csv", "held-out", stages,
                    "the held-out serving rows, as in training");
            for (int pass = 1; pass <= SHIFTED_PASSES; pass++) {
                send(workspace, server.predictUrl(), "data/shifted.csv", "shifted-" + pass, stages,
                        "the population shifted: only tumours with " + SHIFT_FEATURE + " at or above the median, pass "
                                + pass + "/" + SHIFTED_PASSES);
            }
        }
        boolean ok = stages.stage("monitor", "monitoring", productionRunId, "monitor", DemoPipeline.MODEL, log.toString(),
                "-w", workspace.toString(), "--store", store, "--registry", registry.toString(), "--run", productionRunId,
                "--report-dir", workspace.resolve("monitoring").toString());
        String event;
        try (Registry reg = Registry.openLocal(registry)) {
            List<RegistryEvent> events = reg.events(0);
            RegistryEvent last = events.get(events.size() - 1);
            event = last.kind();
            stages.line("registry event", last.kind(), last.describe());
        }
        if (ok || !event.equals("monitor:DRIFT")) {
            stages.line("retrain", "NOT STARTED", "no drift caught (" + event + "): nothing to retrain");
            return new Result(ok ? "OK" : event, event, null);
        }
        appendToTraining(workspace, shifted);
        stages.line("retrain", "STARTED", "by " + event + ": train.py on data/train.csv plus the " + shifted.size()
                + " shifted rows (data/shifted.csv), whose labels arrived");
        out.println();
        out.println("== " + CANDIDATE + " (retrained on the newer data, " + String.join(" ",
                DemoPipeline.CANDIDATES.get(1).trainArgs()) + ")");
        out.flush();
        DemoPipeline.CandidateOutcome outcome = retrain.apply(
                new DemoPipeline.Candidate(CANDIDATE, DemoPipeline.CANDIDATES.get(1).trainArgs(), false));
        return new Result("DRIFT", event, outcome);
    }

    /** The example's own traffic sender: one request per row of {@code csv}, request ids PREFIX-N. */
    private static void send(Path workspace, String url, String csv, String prefix, StageRunner stages, String what) {
        DemoPipeline.ProcessOutput sent = DemoPipeline.runProcess(workspace, List.of(DemoPipeline.PYTHON, "send_traffic.py",
                "--url", url, "--data", csv, "--prefix", prefix), Duration.ofMinutes(2));
        if (sent.code() != 0) {
            throw new InfrastructureException("send_traffic.py failed (exit " + sent.code() + "):\n" + sent.tail());
        }
        stages.line("traffic", "SENT", sent.lastLine() + " (" + what + ")");
    }

    /**
     * data/shifted.csv: the header and the serving rows whose {@value #SHIFT_FEATURE} is at or above
     * the median (real rows with their real labels: a change of population, not a distortion).
     */
    private static List<String> writeShifted(Path workspace) throws IOException {
        List<String> serving = Files.readAllLines(workspace.resolve("data/serving.csv"), StandardCharsets.UTF_8);
        int column = List.of(serving.get(0).split(",")).indexOf(SHIFT_FEATURE);
        List<String> rows = serving.subList(1, serving.size()).stream().filter(l -> !l.isBlank()).toList();
        double[] values = rows.stream().mapToDouble(l -> Double.parseDouble(l.split(",")[column].trim())).sorted().toArray();
        double median = values[values.length / 2];
        List<String> shifted = new ArrayList<>();
        for (String row : rows) {
            if (Double.parseDouble(row.split(",")[column].trim()) >= median) {
                shifted.add(row);
            }
        }
        Files.writeString(workspace.resolve("data/shifted.csv"), serving.get(0) + "\n" + String.join("\n", shifted) + "\n",
                StandardCharsets.UTF_8);
        return shifted;
    }

    /** The newer data: the shifted rows, once each, appended to the workspace's data/train.csv, which train.py reads. */
    private static void appendToTraining(Path workspace, List<String> rows) throws IOException {
        Path train = workspace.resolve("data/train.csv");
        String existing = Files.readString(train, StandardCharsets.UTF_8);
        Files.writeString(train, (existing.endsWith("\n") ? "" : "\n") + String.join("\n", rows) + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
