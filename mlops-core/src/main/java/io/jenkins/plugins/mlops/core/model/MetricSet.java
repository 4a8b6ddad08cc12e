package io.jenkins.plugins.mlops.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.Serializable;
import java.util.Map;

/**
 * Metric values of one set of predictions (overall or one slice). A metric that cannot be computed
 * on these predictions (ROC AUC with one class present) is absent from {@code values} and named in
 * {@code undefined} with the reason: it is never a made-up number.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricSet(long count, Map<String, Double> values, Map<String, String> undefined,
                        ConfusionMatrix confusion) implements Serializable {
    private static final long serialVersionUID = 1L;

    public MetricSet {
        values = values == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        undefined = undefined == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(undefined));
    }

    public boolean has(String metric) {
        return values.containsKey(metric);
    }

    /** The value, or an error that says why it is undefined or that the name is unknown. */
    public double require(String metric, Object source) {
        Double v = values.get(metric);
        if (v != null) {
            return v;
        }
        String reason = undefined.get(metric);
        if (reason != null) {
            throw BadInputException.at(source, 0, "metric '" + metric + "' is undefined on these predictions: " + reason,
                    "check the labels in the predictions, or remove the threshold on '" + metric + "'");
        }
        throw unknownMetric(metric, source, values.keySet());
    }

    public static BadInputException unknownMetric(String metric, Object source, java.util.Collection<String> known) {
        return BadInputException.at(source, 0, "unknown metric '" + metric + "'",
                "use one of " + String.join(", ", known) + " (see docs/model-tests.md#metrics)");
    }
}
