package io.jenkins.plugins.mlops.cli.gate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlops bless} end to end: gates, baselines from a file and from the run store, intervals, exit codes. */
public class BlessCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path ws;
    private Path store;

    @Before
    public void files() throws Exception {
        ws = tmp.newFolder("ws").toPath();
        store = tmp.newFolder("store").toPath();
        Random r = new Random(3);
        StringBuilder cand = new StringBuilder("id,label,prediction,score\n");
        StringBuilder base = new StringBuilder("id,label,prediction,score\n");
        for (int i = 0; i < 3000; i++) {
            int y = r.nextBoolean() ? 1 : 0;
            double shared = r.nextGaussian();
            double c = 1 / (1 + Math.exp(-(y * 2.0 - 1.0 + 0.6 * shared + 0.8 * r.nextGaussian())));
            double b = 1 / (1 + Math.exp(-(y * 1.6 - 0.8 + 0.6 * shared + 0.8 * r.nextGaussian())));
            cand.append(i).append(',').append(y).append(',').append(c >= 0.5 ? 1 : 0).append(',').append(String.format(Locale.ROOT, "%.6f", c)).append('\n');
            base.append(i).append(',').append(y).append(',').append(b >= 0.5 ? 1 : 0).append(',').append(String.format(Locale.ROOT, "%.6f", b)).append('\n');
        }
        Files.writeString(ws.resolve("candidate.csv"), cand);
        Files.writeString(ws.resolve("baseline.csv"), base);
        Files.writeString(ws.resolve("gates.yaml"), """
                name: release
                gates:
                  - {metric: roc_auc, higherIsBetter: true, threshold: 0.8, minAbsoluteChange: 0.0, useInterval: true}
                  - {metric: log_loss, higherIsBetter: false, minRelativeChange: -0.05}
                bootstrap: {resamples: 300, seed: 7}
                """);
    }

    private CliRun bless(String... more) {
        String[] base = {"bless", "--store", store.toString(), "-w", ws.toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    public void betterCandidateIsBlessedWithPairedIntervalsAndEveryValueInJson() throws Exception {
        CliRun run = bless("--gates", "gates.yaml", "--candidate", "candidate.csv", "--baseline", "baseline.csv", "--json", "--no-record");
        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        JsonNode json = Json.mapper().readTree(run.out());
        assertThat(json.get("verdict").asText()).isEqualTo("BLESSED");
        assertThat(json.get("paired").asBoolean()).isTrue();
        JsonNode auc = json.at("/gates/0");
        assertThat(auc.get("candidate").asDouble()).isGreaterThan(auc.get("baseline").asDouble());
        assertThat(auc.get("delta").asDouble()).isEqualTo(auc.get("candidate").asDouble() - auc.get("baseline").asDouble());
        assertThat(auc.at("/deltaInterval/lower").asDouble()).isGreaterThan(0).isLessThan(auc.get("delta").asDouble());
        assertThat(auc.at("/checks/1/measuredAs").asText()).isEqualTo("interval lower bound");
        // the same seed gives the same interval
        CliRun again = bless("--gates", "gates.yaml", "--candidate", "candidate.csv", "--baseline", "baseline.csv", "--json", "--no-record");
        assertThat(Json.mapper().readTree(again.out()).at("/gates/0/deltaInterval")).isEqualTo(auc.get("deltaInterval"));
    }

    @Test
    public void swappedModelsAreNotBlessedAndTheMessageCarriesMeasuredAndRequired() {
        CliRun run = bless("--gates", "gates.yaml", "--candidate", "baseline.csv", "--baseline", "candidate.csv", "--no-record");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("FAILED  roc_auc").contains("improvement -").contains("fails >= +0").contains("NOT_BLESSED");
    }

    @Test
    public void baselineFromTheLatestBlessedRunAndFirstRunWithoutOne() throws Exception {
        Files.writeString(ws.resolve("m.json"), "{\"roc_auc\": 0.5, \"log_loss\": 0.9}");
        assertThat(CliRun.of("track", "--store", store.toString(), "-w", ws.toString(), "-m", "m.json").exitCode()).isZero();
        Files.writeString(ws.resolve("change.yaml"), "gates:\n  - {metric: roc_auc, higherIsBetter: true, minAbsoluteChange: 0.01}\n");
        CliRun first = bless("--gates", "change.yaml", "--candidate", "candidate.csv", "--baseline", "run:latest-blessed");
        assertThat(first.exitCode()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("No baseline").contains("SKIPPED").contains("BLESSED (recorded in run");
        assertThat(new RunStore(store).latest().orElseThrow().stages().get("blessing").verdict()).isEqualTo("BLESSED");

        assertThat(CliRun.of("track", "--store", store.toString(), "-w", ws.toString(), "-m", "m.json").exitCode()).isZero();
        CliRun second = bless("--gates", "change.yaml", "--candidate", "candidate.csv", "--baseline", "run:latest-blessed");
        assertThat(second.exitCode()).as(second.out() + second.err()).isZero();
        assertThat(second.out()).contains("roc_auc 0.5 -> ").contains("PASSED");
    }

    @Test
    public void badInputIsExitTwoNamingFileFieldAndFix() throws Exception {
        Files.writeString(ws.resolve("nodir.yaml"), "gates:\n  - {metric: roc_auc, threshold: 0.8}\n");
        CliRun r = bless("--gates", "nodir.yaml", "--candidate", "candidate.csv", "--no-record");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("nodir.yaml", "gates[0]", "higherIsBetter", "Fix:");

        Files.writeString(ws.resolve("typo.yaml"), "gates:\n  - {metric: rocauc, higherIsBetter: true, threshold: 0.8}\n");
        r = bless("--gates", "typo.yaml", "--candidate", "candidate.csv", "--no-record");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown metric 'rocauc'", "roc_auc");

        Files.writeString(ws.resolve("short.csv"), "id,label,prediction,score\n0,1,1,0.9\n1,0,0,0.2\n");
        r = bless("--gates", "gates.yaml", "--candidate", "candidate.csv", "--baseline", "short.csv", "--no-record");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("short.csv", "2 examples but candidate.csv has 3000", "Fix:");

        Files.writeString(ws.resolve("m.json"), "{\"accuracy\": 0.9}");
        r = bless("--gates", "gates.yaml", "--candidate", "candidate.csv", "--baseline", "m.json", "--no-record");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("no value for gated metric 'roc_auc'");
    }
}
