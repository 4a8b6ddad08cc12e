package io.jenkins.plugins.mlops.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.jenkins.plugins.mlops.core.rollout.FileRouter;
import io.jenkins.plugins.mlops.core.rollout.MetricProvider;
import io.jenkins.plugins.mlops.core.rollout.Reading;
import io.jenkins.plugins.mlops.core.rollout.Rollout;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlan;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlans;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.RolloutStatus;
import io.jenkins.plugins.mlops.core.rollout.RolloutStore;

/** Stores for the UI tests, recorded with {@code mlops track} as a user would. */
final class UiFixture {
    private UiFixture() {
    }

    /**
     * Three runs of experiment "churn" (C = 0.1, 1, 10; team red, blue, red; curves valid_auc and
     * loss) and one of experiment "other"; the last churn run has a data-validation result.
     */
    static List<String> threeRuns(Path ws) throws IOException {
        Path store = ws.resolve(".mlops");
        Files.writeString(ws.resolve("train.csv"), "x,y\n1,0\n2,1\n");
        List<String> ids = new ArrayList<>();
        String[][] runs = {{"baseline", "0.1", "red", "0.61", "0.70"}, {"wider", "1", "blue", "0.66", "0.80"},
            {"strong", "10", "red", "0.64", "0.75"}};
        for (String[] r : runs) {
            Path metrics = ws.resolve(r[0] + ".jsonl");
            Files.writeString(metrics, "{\"step\":1,\"valid_auc\":" + r[3] + ",\"loss\":0.9}\n"
                    + "{\"step\":2,\"valid_auc\":" + r[4] + ",\"loss\":0.5}\n");
            CliRun run = CliRun.of("track", "--store", store.toString(), "-w", ws.toString(), "-e", "churn", "-n", r[0],
                    "-p", "C=" + r[1], "-p", "depth=4", "-t", "team=" + r[2], "-m", r[0] + ".jsonl",
                    "-d", "train=train.csv", "--notes", "run " + r[0]);
            assertThat(run.exitCode()).as(run.err()).isZero();
            ids.add(run.out().trim());
        }
        Path other = ws.resolve("other.jsonl");
        Files.writeString(other, "{\"step\":1,\"accuracy\":0.9}\n");
        CliRun run = CliRun.of("track", "--store", store.toString(), "-w", ws.toString(), "-e", "other", "-n", "lone",
                "-m", "other.jsonl");
        assertThat(run.exitCode()).as(run.err()).isZero();
        ids.add(run.out().trim());
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("rowsChecked", 2);
        details.putArray("checks").addObject().put("name", "no_nulls").put("observed", 0.0).put("passed", true);
        new RunStore(store).update(ids.get(2), r -> r.withStage(StageReports.stored("dataValidation", "VALID", true,
                "2 checks passed", Instant.parse("2026-11-26T10:00:00Z"), details, List.of("data-validation/report.html"))));
        return ids;
    }

    /** What {@link #registryAndRollout} made. */
    record Registry(String churn, String fraud, List<String> churnVersions, String rolloutRun) {
    }

    /**
     * A registry in the store's default place ({@code STORE/registry}) made with {@code mlops publish}
     * and {@code mlops registry stage} as a user would: model "churn-classifier" published from the
     * three churn runs (the first in production, the second in staging) and model "fraud-detector"
     * from the run "lone" (in staging). Then a canary rollout of the second churn version against
     * the first, driven by the real rollout engine through the file router, passes its 20% step,
     * fails its error-rate analysis at 50% twice and rolls back; it is recorded as the rollout stage
     * of the second churn run, as {@code mlops promote --run} records it.
     *
     * @param text free text placed in the stage reasons and the label (the XSS test passes its
     *             corpus; model, stage and version names cannot hold it)
     */
    static Registry registryAndRollout(Path ws, List<String> ids, String text) throws Exception {
        Path store = ws.resolve(".mlops");
        Path model = ws.resolve("model.pkl");
        // production needs one approval from someone else, staging nothing; valid_auc decides MINOR bumps
        for (String[] policy : new String[][] {{"--primary-metric", "valid_auc"}, {"production", "--approvals", "1"}, {"staging"}}) {
            List<String> args = new ArrayList<>(List.of("registry", "policy"));
            args.addAll(List.of(policy));
            args.addAll(List.of("--store", store.toString(), "--user", "alice"));
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
        List<String> churnVersions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Files.writeString(model, "weights " + i);
            CliRun run = CliRun.of("publish", "churn-classifier", model.toString(), "--run", ids.get(i), "--store",
                    store.toString(), "--user", "alice", "--label", "churned within 30 days " + text, "--json");
            assertThat(run.exitCode()).as(run.err()).isZero();
            churnVersions.add(Json.mapper().readTree(run.out()).get("version").asText());
        }
        Files.writeString(model, "fraud weights");
        CliRun fraud = CliRun.of("publish", "fraud-detector", model.toString(), "--run", ids.get(3), "--store",
                store.toString(), "--user", "bob", "--json");
        assertThat(fraud.exitCode()).as(fraud.err()).isZero();
        String fraudVersion = Json.mapper().readTree(fraud.out()).get("version").asText();
        stage(store, "churn-classifier", churnVersions.get(0), "production", "first model " + text);
        stage(store, "churn-classifier", churnVersions.get(1), "staging", "better auc " + text);
        stage(store, "fraud-detector", fraudVersion, "staging", "try it " + text);

        String stable = churnVersions.get(0);
        String canary = churnVersions.get(1);
        java.util.Map<String, Double> live = new java.util.concurrent.ConcurrentHashMap<>(java.util.Map.of(
                "errorRate:" + stable, 0.001, "errorRate:" + canary, 0.002,
                "latencyP99:" + stable, 0.21, "latencyP99:" + canary, 0.24));
        Rollout rollout = rollout(ws.resolve("rollout-rolled-back"), stable, canary, live, "");
        Instant t0 = Instant.parse("2026-11-26T12:00:00Z");
        rollout.start(t0, "carol");
        rollout.tick(t0);                    // 20%
        rollout.tick(t0.plusSeconds(60));    // analysis passes
        rollout.tick(t0.plusSeconds(61));    // 50%
        live.put("errorRate:" + canary, 0.08);
        rollout.tick(t0.plusSeconds(121));   // fails once (failureLimit 1 tolerates it)
        rollout.tick(t0.plusSeconds(126));   // fails again: back to stable
        RolloutState back = rollout.tick(t0.plusSeconds(127));
        assertThat(back.status()).isEqualTo(RolloutStatus.ROLLED_BACK);
        RunStore runs = new RunStore(store);
        StageResult result = StageReports.write(back, runs.runDir(ids.get(1)), t0.plusSeconds(127));
        runs.update(ids.get(1), r -> r.withStage(result));
        return new Registry("churn-classifier", "fraud-detector", churnVersions, ids.get(1));
    }

    /**
     * A rollout of churn-classifier in {@code dir} (real engine, file router) whose metric source
     * answers from {@code live} ("metric:version"); a missing value reads as {@code problem}.
     */
    static Rollout rollout(Path dir, String stable, String canary, java.util.Map<String, Double> live, String problem)
            throws IOException {
        Files.createDirectories(dir);
        Path plan = dir.resolve("rollout.yaml");
        Files.writeString(plan, """
                model: churn-classifier
                strategy: canary
                stable: {version: "%s", address: "127.0.0.1:8601"}
                canary: {version: "%s", address: "127.0.0.1:8602"}
                router: {type: file, file: {path: "%s"}}
                providers: {prometheus: {url: "http://127.0.0.1:9"}}
                analysis:
                  intervalSeconds: 5
                  failureLimit: 1
                  metrics:
                    - {name: errorRate, query: 'errors{version="{{version}}"}', max: 0.01, relative: {maxDifference: 0.01}}
                    - {name: latencyP99, query: 'p99{version="{{version}}"}', max: 0.5}
                steps: [{weight: 20, bakeSeconds: 60}, {weight: 50, bakeSeconds: 60}, {weight: 100}]
                """.formatted(stable, canary, dir.resolve("weights.json")));
        MetricProvider scripted = metric -> {
            String version = metric.query().replaceAll(".*version=\"([^\"]+)\".*", "$1");
            Double value = live.get(metric.name() + ":" + version);
            return value == null ? Reading.missing(metric.query(), "no series " + problem) : Reading.of(value, metric.query());
        };
        RolloutPlan rolloutPlan = RolloutPlans.read(plan);
        return new Rollout(rolloutPlan, new RolloutStore(Files.createDirectories(dir.resolve("state"))),
                new FileRouter(dir.resolve("weights.json"), rolloutPlan), java.util.Map.of("prometheus", scripted),
                promotion -> {
                    throw new AssertionError("these rollouts never promote");
                });
    }

    /**
     * A rollout whose canary has no data: it pauses (inconclusive, the reason naming {@code text}),
     * then {@code text} aborts it giving {@code text} as the reason; recorded as run {@code runId}'s rollout stage.
     */
    static void abortedRollout(Path ws, String runId, String stable, String canary, String text) throws IOException {
        java.util.Map<String, Double> live = new java.util.concurrent.ConcurrentHashMap<>(java.util.Map.of(
                "errorRate:" + stable, 0.001, "latencyP99:" + stable, 0.2));
        Rollout rollout = rollout(ws.resolve("rollout-aborted"), stable, canary, live, text);
        Instant t0 = Instant.parse("2026-11-26T13:00:00Z");
        rollout.start(t0, text);
        rollout.tick(t0);
        RolloutState paused = rollout.tick(t0.plusSeconds(60));
        assertThat(paused.status()).isEqualTo(RolloutStatus.PAUSED);
        rollout.abort(t0.plusSeconds(90), text, text);
        RolloutState aborted = rollout.tick(t0.plusSeconds(91));
        assertThat(aborted.status()).isEqualTo(RolloutStatus.ABORTED);
        RunStore runs = new RunStore(ws.resolve(".mlops"));
        StageResult result = StageReports.write(aborted, runs.runDir(runId), t0.plusSeconds(91));
        runs.update(runId, r -> r.withStage(result));
    }

    /** Makes {@code ws} a Git repository with one commit, so runs tracked there record a code commit. */
    static void gitRepository(Path ws) throws Exception {
        for (String[] cmd : new String[][] {{"git", "init", "-q"}, {"git", "-c", "user.name=Test", "-c",
            "user.email=test@example.org", "commit", "-q", "--allow-empty", "-m", "start"}}) {
            Process p = new ProcessBuilder(cmd).directory(ws.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        }
    }

    private static void stage(Path store, String model, String version, String stage, String reason) {
        CliRun run = CliRun.of("registry", "stage", model, version, stage, "--store", store.toString(), "--user", "alice",
                "--approved-by", "bob", "--reason", reason);
        assertThat(run.exitCode()).as(run.err() + run.out()).isZero();
    }
}
