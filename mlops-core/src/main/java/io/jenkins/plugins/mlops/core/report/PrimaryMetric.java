package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.report.ComparisonReport.Column;
import io.jenkins.plugins.mlops.core.report.ComparisonReport.Primary;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which metric a comparison shows first, and the order of the others. Real runs log bookkeeping
 * ({@code done}, {@code pid}) and families of a hundred {@code importance_feature_*} values that
 * sort alphabetically before what matters; the user's choice, else the blessing's gated metric,
 * else a metric named like a quality measure goes first, and large families go last.
 */
final class PrimaryMetric {
    /** A metric name as training code writes a quality measure: loss, val_accuracy, test/f1 ... */
    private static final Pattern QUALITY = Pattern.compile(
            "(?i)(?:.*[/.])?(?:(val|valid|validation|test|eval|dev|holdout)[_-]?)?"
                    + "(accuracy|acc|auc|roc_auc|f1|f1_score|loss|rmse|mae|mse|r2|precision|recall|map|ndcg|logloss|error)");
    /** Metrics sharing a prefix with this many others are a family (features, classes): shown last. */
    static final int FAMILY = 10;

    private PrimaryMetric() {
    }

    static Primary choose(String requested, List<RunRecord> records, List<Column> metrics) {
        if (requested != null && !requested.isBlank()) {
            if (metrics.stream().noneMatch(c -> c.key().equals(requested))) {
                throw BadInputException.at("primary", 0, "no compared run has a metric '" + requested + "'",
                        "choose one of " + String.join(", ", order(metrics, null).stream().map(Column::key).limit(12).toList())
                                + (metrics.size() > 12 ? " ..." : ""));
            }
            return new Primary(requested, Primary.CHOSEN);
        }
        if (metrics.isEmpty()) {
            return null;
        }
        Optional<String> gated = gatedMetric(records).filter(m -> metrics.stream().anyMatch(c -> c.key().equals(m)));
        if (gated.isPresent()) {
            return new Primary(gated.get(), Primary.GATES);
        }
        List<Predicate<Column>> preferences = List.of(
                c -> c.differs() && heldOut(c.key()),
                c -> c.differs() && QUALITY.matcher(c.key()).matches(),
                c -> heldOut(c.key()),
                c -> QUALITY.matcher(c.key()).matches(),
                c -> c.differs() && c.cells().stream().anyMatch(cell -> cell.min() != null),
                Column::differs,
                c -> true);
        for (Predicate<Column> preferred : preferences) {
            Optional<Column> found = metrics.stream().filter(preferred).findFirst();
            if (found.isPresent()) {
                return new Primary(found.get().key(), Primary.GUESSED);
            }
        }
        return null;
    }

    private static boolean heldOut(String key) {
        var m = QUALITY.matcher(key);
        return m.matches() && m.group(1) != null;
    }

    /** The metric the newest run's blessing gated first, as stored in its stage details. */
    static Optional<String> gatedMetric(List<RunRecord> records) {
        for (int i = records.size() - 1; i >= 0; i--) {
            StageResult blessing = records.get(i).stages().get("blessing");
            JsonNode gates = blessing == null || blessing.details() == null ? null : blessing.details().get("gates");
            if (gates != null && gates.isArray() && !gates.isEmpty() && gates.get(0).hasNonNull("metric")) {
                return Optional.of(gates.get(0).get("metric").asText());
            }
        }
        return Optional.empty();
    }

    /** The primary metric, then the others alphabetically, families of {@link #FAMILY} or more last. */
    static List<Column> order(List<Column> metrics, Primary primary) {
        Map<String, Integer> families = new HashMap<>();
        metrics.forEach(c -> families.merge(family(c.key()), 1, Integer::sum));
        List<Column> first = new ArrayList<>();
        List<Column> single = new ArrayList<>();
        List<Column> family = new ArrayList<>();
        for (Column c : metrics) {
            if (primary != null && c.key().equals(primary.metric())) {
                first.add(c);
            } else if (families.get(family(c.key())) >= FAMILY) {
                family.add(c);
            } else {
                single.add(c);
            }
        }
        first.addAll(single);
        first.addAll(family);
        return first;
    }

    /** {@code importance_feature_12} and {@code importance_feature_7} are one family. */
    static String family(String key) {
        String stem = key.replaceAll("\\d+$", "");
        int cut = Math.max(stem.lastIndexOf('_'), Math.max(stem.lastIndexOf('/'), stem.lastIndexOf('.')));
        return cut > 0 ? stem.substring(0, cut) : stem;
    }
}
