package io.jenkins.plugins.mlops.core.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.modelFile;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.run;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.PublishRequest;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Gate semantics: direction, absolute and relative change, zero baseline, intervals required, no baseline. */
public class BlesserTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file(String name, String text) throws Exception {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private BlessingResult bless(String gates, String candidate, String baseline) throws Exception {
        Path g = file("gates.yaml", gates);
        Path c = file("candidate.json", candidate);
        BaselineSource b = baseline == null ? null : new MetricsFileBaseline(file("baseline.json", baseline));
        return Blesser.bless(BlessRequest.of(g, c, b));
    }

    @Test
    public void lowerIsBetterMetricFailsWhenItRisesBeyondTheAllowedRelativeChange() throws Exception {
        BlessingResult r = bless("gates:\n  - {metric: rmse, higherIsBetter: false, threshold: 3.0, minRelativeChange: -0.05}\n",
                "{\"rmse\": 2.2}", "{\"rmse\": 2.0}");
        assertThat(r.verdict()).isEqualTo("NOT_BLESSED");
        GateCheck threshold = r.gates().get(0).checks().get(0);
        GateCheck relative = r.gates().get(0).checks().get(1);
        assertThat(threshold.status()).isEqualTo("PASSED");
        assertThat(relative.status()).isEqualTo("FAILED");
        assertThat(relative.measured()).isCloseTo(-0.1, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(relative.message()).contains("rmse 2 -> 2.2").contains("relative improvement -10.0%").contains(">= -5%");
        assertThat(r.gates().get(0).delta()).isCloseTo(0.2, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    public void theStoredBlessingSaysWhetherAGatedMetricImprovedSoTheRegistryProposesAMinorVersion() throws Exception {
        String gates = "gates:\n  - {metric: accuracy, higherIsBetter: true, threshold: 0.8}\n"
                + "  - {metric: rmse, higherIsBetter: false, threshold: 3.0}\n";
        BlessingResult better = bless(gates, "{\"accuracy\": 0.90, \"rmse\": 2.0}", "{\"accuracy\": 0.85, \"rmse\": 2.0}");
        BlessingResult lowerRmse = bless(gates, "{\"accuracy\": 0.85, \"rmse\": 1.5}", "{\"accuracy\": 0.85, \"rmse\": 2.0}");
        BlessingResult same = bless(gates, "{\"accuracy\": 0.85, \"rmse\": 2.0}", "{\"accuracy\": 0.85, \"rmse\": 2.0}");
        BlessingResult alone = bless(gates, "{\"accuracy\": 0.85, \"rmse\": 2.0}", null);
        assertThat(better.improved()).isTrue();
        assertThat(lowerRmse.improved()).as("lower is better for rmse").isTrue();
        assertThat(same.improved()).isFalse();
        assertThat(alone.improved()).as("nothing to improve on").isNull();

        StageResult stored = StageReports.record(better);
        assertThat(stored.details().get("improved").booleanValue()).isTrue();
        assertThat(StageReports.record(same).details().get("improved").booleanValue()).isFalse();
        assertThat(StageReports.record(alone).details().has("improved")).isFalse();
        BlessingResult readBack = Json.mapper()
                .treeToValue(stored.details(), BlessingResult.class);
        assertThat(readBack).isEqualTo(better);

        // the registry's side of the contract (docs/registry.md): MINOR for an improved, blessed model
        Path models = tmp.newFolder("models").toPath();
        try (var registry = Registry.openLocal(tmp.newFolder("registry").toPath())) {
            registry.publish(PublishRequest.of("churn",
                    modelFile(models, "a.pkl", "1"),
                    run("r1", "a".repeat(64), "s".repeat(64), 0.85),
                    new Actor("alice", "train-churn", 7)));
            var published = registry.publish(PublishRequest.of("churn",
                    modelFile(models, "a.pkl", "2"),
                    run("r2", "a".repeat(64), "s".repeat(64), 0.85, stored),
                    new Actor("alice", "train-churn", 7)));
            assertThat(published.version()).hasToString("1.1.0");
        }
    }

    @Test
    public void zeroBaselineFallsBackToBeatingItBy1e10AsMlflow() throws Exception {
        BlessingResult r = bless("gates:\n  - {metric: errors, higherIsBetter: false, minRelativeChange: 0.1}\n",
                "{\"errors\": 0.0}", "{\"errors\": 0.0}");
        assertThat(r.verdict()).isEqualTo("NOT_BLESSED");
        assertThat(r.gates().get(0).checks().get(0).message()).contains("baseline is 0").contains("1e-10");
    }

    @Test
    public void noBaselineSkipsChangeThresholdsButKeepsAbsoluteOnes() throws Exception {
        BlessingResult r = bless("gates:\n  - {metric: accuracy, higherIsBetter: true, threshold: 0.8, minAbsoluteChange: 0.0}\n",
                "{\"accuracy\": 0.85}", null);
        assertThat(r.verdict()).isEqualTo("BLESSED");
        assertThat(r.gates().get(0).checks()).extracting(GateCheck::status).containsExactly("PASSED", "SKIPPED");
        assertThat(r.notes()).anyMatch(n -> n.contains("No baseline"));
    }

    @Test
    public void gateDemandingAnIntervalFailsWithoutPerExamplePredictionsAndSaysWhy() throws Exception {
        BlessingResult r = bless("gates:\n  - {metric: accuracy, higherIsBetter: true, threshold: 0.8, useInterval: true}\n",
                "{\"accuracy\": 0.95}", null);
        assertThat(r.verdict()).isEqualTo("NOT_BLESSED");
        assertThat(r.gates().get(0).checks().get(0).message()).contains("no interval").contains("measured 0.95");
    }

    @Test
    public void gateOnAMetricTheCandidateLacksIsBadInput() throws Exception {
        assertThatThrownBy(() -> bless("gates:\n  - {metric: f1, higherIsBetter: true, threshold: 0.8}\n", "{\"accuracy\": 0.9}", null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("candidate.json").hasMessageContaining("'f1'");
        assertThatThrownBy(() -> bless("gates:\n  - {metric: f1, higherIsBetter: true, threshold: 0.8}\n", "{\"f1\": \"high\"}", null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("field 'f1' is string, not a number");
        assertThatThrownBy(() -> bless("gates: []\n", "{\"f1\": 0.9}", null))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no gates");
        assertThatThrownBy(() -> bless("gates:\n  - {metric: f1, higherIsBetter: true, threshold: 0.8}\nbootstrap: {confidence: 1.5}\n",
                "{\"f1\": 0.9}", null)).isInstanceOf(BadInputException.class).hasMessageContaining("bootstrap.confidence");
    }

    @Test
    public void htmlSectionEscapesNamesAndShowsMeasuredValues() throws Exception {
        BlessingResult r = bless("name: \"<script>alert(1)</script>\"\ngates:\n  - {metric: \"<b>acc</b>\", higherIsBetter: true, threshold: 0.8}\n",
                "{\"<b>acc</b>\": 0.75}", null);
        String html = StageReports.html(r);
        assertThat(html).doesNotContain("<b>acc</b>").contains("&lt;b&gt;acc&lt;/b&gt;").contains("0.75").contains("NOT_BLESSED");
        Path runDir = tmp.newFolder("run").toPath();
        assertThat(StageReports.write(r, runDir).reports()).containsExactly("blessing/blessing.html", "blessing/blessing-junit.xml",
                "blessing/blessing.json");
        assertThat(Files.readString(runDir.resolve("blessing/blessing-junit.xml"))).contains("failures=\"1\"")
                .contains("value 0.75 fails &gt;= 0.8");
    }

    @Test
    public void aNanOrInfiniteValueFailsEveryCheckOfItsGateEvenWherePlusInfinityWouldPass() {
        Gate higher = new Gate("accuracy", true, 0.8, 0.01, 0.02, false);
        for (double bad : new double[] {Double.POSITIVE_INFINITY, Double.NaN, Double.NEGATIVE_INFINITY}) {
            GateResult r = Blesser.decide(higher, bad, 0.85, null, null, 0.95);
            assertThat(r.passed()).as("candidate " + bad).isFalse();
            assertThat(r.checks()).extracting(GateCheck::status).containsExactly("FAILED", "FAILED", "FAILED");
            assertThat(r.checks().get(0).message()).contains("not a finite number");
        }
        // a baseline of -Infinity would make any candidate an infinite improvement
        GateResult vsInfinite = Blesser.decide(higher, 0.9, Double.NEGATIVE_INFINITY, null, null, 0.95);
        assertThat(vsInfinite.passed()).isFalse();
        assertThat(vsInfinite.checks().get(1).message()).contains("the baseline's accuracy is -Infinity");
        assertThat(Blesser.decide(higher, 0.9, 0.85, null, null, 0.95).passed()).isTrue();
    }
}
