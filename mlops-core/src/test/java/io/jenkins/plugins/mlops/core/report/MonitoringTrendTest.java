package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.MonitoringRecord;
import io.jenkins.plugins.mlops.core.registry.PublishRequest;
import io.jenkins.plugins.mlops.core.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A version's monitoring checks, kept in the registry, drawn over time on its page: a line per feature, a row per check. */
public class MonitoringTrendTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static MonitoringRecord check(Instant at, String verdict, double radius, double texture, Double accuracy) {
        return new MonitoringRecord(at, verdict, verdict + ": a check", at.minusSeconds(3600), at, 500,
                Map.of("mean_radius", radius, "mean_texture", texture), Map.of("mean_radius", radius),
                Map.of("score", radius / 2), accuracy == null ? null : 0.3,
                accuracy == null ? Map.of() : Map.of("accuracy", accuracy), Map.of(), Actor.user("alice"));
    }

    @Test
    public void theVersionPageDrawsDriftAndQualityOverTimePerFeatureFromTheRegistrysMonitoringRecords() throws Exception {
        Path model = tmp.newFile("model.pkl").toPath();
        Files.writeString(model, "weights");
        Instant t0 = Instant.parse("2026-12-06T10:00:00Z");
        try (Registry registry = Registry.openLocal(tmp.newFolder("registry").toPath())) {
            registry.publish(PublishRequest.of("churn", model, null, Actor.user("alice")));
            registry.recordMonitoring("churn", "1.0.0", check(t0, "OK", 0.01, 0.02, null));
            registry.recordMonitoring("churn", "1.0.0", check(t0.plusSeconds(3600), "DRIFT", 0.4, 0.03, 0.91));
            registry.recordMonitoring("churn", "1.0.0", check(t0.plusSeconds(7200), "DEGRADED", 0.5, 0.05, 0.7));

            assertThat(registry.monitoring("churn", "1.0.0")).extracting(MonitoringRecord::verdict)
                    .containsExactly("OK", "DRIFT", "DEGRADED");
            RegistryPages.VersionPage page = RegistryPages.version(registry, "churn", "1.0.0", id -> false, List.of(), Links.none());
            String html = Templates.render(page.fragment(Links.none()));

            MonitoringTrend trend = page.monitoring();
            assertThat(trend.charts()).extracting(c -> c.id())
                    .containsExactly("monitoring-drift", "monitoring-skew", "monitoring-prediction", "monitoring-quality");
            assertThat(trend.charts().get(0).lines()).extracting(l -> l.name() + "/" + l.pointCount())
                    .containsExactly("mean_radius/3", "mean_texture/3");
            assertThat(trend.charts().get(3).lines()).extracting(l -> l.name() + "/" + l.pointCount())
                    .containsExactly("accuracy/2"); // the first check had no labels yet
            assertThat(html).contains("id=\"monitoring-drift\"").contains("data-series=\"mean_radius\"")
                    .contains("<polyline").contains("id=\"mlops-version-monitoring\"")
                    .contains("data-verdict=\"DEGRADED\"").contains("DEGRADED: a check");
        }
    }
}
