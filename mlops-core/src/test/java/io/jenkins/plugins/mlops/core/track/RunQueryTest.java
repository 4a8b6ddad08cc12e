package io.jenkins.plugins.mlops.core.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class RunQueryTest {
    private static RunRecord run(String id, String name, RunStatus status, Map<String, String> params,
                                 Map<String, String> tags, double... auc) {
        Map<String, MetricSeries> metrics = new LinkedHashMap<>();
        if (auc.length > 0) {
            long[] steps = new long[auc.length];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = i;
            }
            metrics.put("valid_auc", new MetricSeries("valid_auc", steps, auc, new long[auc.length]));
        }
        return new RunRecord(1, id, "bc", name, status, Instant.parse("2026-11-26T10:00:00Z"), null, tags, null, params,
                metrics, List.of(), List.of(), CodeVersion.none(), null, CiSource.local(), Map.of());
    }

    private final RunRecord a = run("a", "baseline", RunStatus.FINISHED, Map.of("C", "1.0"), Map.of("team", "ml-core"), 0.6, 0.82);
    private final RunRecord b = run("b", "wide", RunStatus.FINISHED, Map.of("C", "0.1"), Map.of("team", "ML-data"), 0.9);
    private final RunRecord c = run("c", "<script>alert(1)</script>", RunStatus.FAILED, Map.of("C", "10"), Map.of());
    private final List<RunRecord> runs = List.of(a, b, c);

    private List<String> ids(String filter, String... orderBy) {
        return RunQuery.parse(filter, List.of(orderBy)).apply(runs).stream().map(RunRecord::id).toList();
    }

    @Test
    public void aMetricComparesItsLastValueAndARunWithoutItNeverMatches() {
        assertThat(ids("metrics.valid_auc > 0.8")).containsExactly("a", "b"); // a's last value is 0.82, not 0.6
        assertThat(ids("metrics.valid_auc < 0.85")).containsExactly("a");
        assertThat(ids("metrics.valid_auc != 0.9")).containsExactly("a"); // c has no such metric
        assertThat(ids("metrics.valid_auc >= 0.9")).containsExactly("b");
    }

    @Test
    public void conditionsJoinWithAndOverParamsTagsAndAttributes() {
        assertThat(ids("params.C = '1.0' and tags.team LIKE 'ml-%'")).containsExactly("a");
        assertThat(ids("tags.team ILIKE 'ml-%'")).containsExactly("a", "b");
        assertThat(ids("attributes.status = 'FAILED'")).containsExactly("c");
        assertThat(ids("attributes.name = '<script>alert(1)</script>'")).containsExactly("c");
        assertThat(ids("params.C != '1.0' AND attributes.status = \"FINISHED\"")).containsExactly("b");
        assertThat(ids("tags.team LIKE 'ml_core'")).containsExactly("a"); // _ is one character
        assertThat(ids("tags.team LIKE 'ml.core'")).isEmpty(); // a dot is a dot, not a regex
        assertThat(ids(null)).containsExactly("a", "b", "c");
        assertThat(ids("   ")).containsExactly("a", "b", "c");
    }

    @Test
    public void orderBySortsStablyWithRunsMissingTheKeyLastInEitherDirection() {
        assertThat(ids(null, "metrics.valid_auc DESC")).containsExactly("b", "a", "c");
        assertThat(ids(null, "metrics.valid_auc")).containsExactly("a", "b", "c");
        assertThat(ids(null, "metrics.valid_auc asc")).containsExactly("a", "b", "c");
        // FINISHED before FAILED (descending text), then params as text: "0.1" < "1.0"
        assertThat(ids(null, "attributes.status DESC", "params.C")).containsExactly("b", "a", "c");
    }

    @Test
    public void keysWithSpacesAreQuotedWithBackticks() {
        RunRecord spaced = run("d", "d", RunStatus.FINISHED, Map.of("learning rate", "0.01"), Map.of());
        RunQuery q = RunQuery.parse("params.`learning rate` = '0.01'", List.of());
        assertThat(q.matches(spaced)).isTrue();
        assertThat(q.matches(a)).isFalse();
    }

    @Test
    public void aBadExpressionIsRefusedNamingTheOptionThePositionAndTheFix() {
        assertThatThrownBy(() -> RunQuery.parse("metrics.valid_auc > high", List.of()))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("--filter 'metrics.valid_auc > high', at character 21: expected a number")
                .hasMessageContaining("Fix:");
        assertThatThrownBy(() -> RunQuery.parse("params.C = 1.0", List.of()))
                .hasMessageContaining("expected a quoted value").hasMessageContaining("params.C = '1.0'");
        assertThatThrownBy(() -> RunQuery.parse("metrics.a > 1 or metrics.b > 2", List.of()))
                .hasMessageContaining("OR is not supported");
        assertThatThrownBy(() -> RunQuery.parse("auc > 1", List.of()))
                .hasMessageContaining("expected a key such as metrics.auc");
        assertThatThrownBy(() -> RunQuery.parse("metrics.auc LIKE '0.%'", List.of()))
                .hasMessageContaining("is a number");
        assertThatThrownBy(() -> RunQuery.parse("attributes.owner = 'x'", List.of()))
                .hasMessageContaining("'owner' is not an attribute");
        assertThatThrownBy(() -> RunQuery.parse("tags.team = 'ml", List.of()))
                .hasMessageContaining("the quoted value is not closed");
        assertThatThrownBy(() -> RunQuery.parse("metrics.auc > 1 metrics.b > 2", List.of()))
                .hasMessageContaining("unexpected 'metrics.b > 2'");
        assertThatThrownBy(() -> RunQuery.parse(null, List.of("metrics.auc SIDEWAYS")))
                .hasMessageContaining("--order-by 'metrics.auc SIDEWAYS'").hasMessageContaining("not ASC or DESC");
        assertThatThrownBy(() -> RunQuery.parse("metrics.auc > NaN", List.of())).hasMessageContaining("expected a number");
    }
}
