package io.jenkins.plugins.mlops.core.model;

import java.util.List;

/**
 * Metrics of one predictions set, prepared once (scores sorted, per-example losses computed) so
 * that each further evaluation, e.g. each bootstrap resample, costs one linear pass.
 */
public interface MetricEvaluator {

    static MetricEvaluator of(Predictions predictions) {
        return predictions.task() == Task.REGRESSION ? new RegressionEvaluator(predictions)
                : new ClassificationEvaluator(predictions);
    }

    int size();

    /** Names this evaluator knows (defined or not on these predictions). */
    List<String> metricNames();

    /** Every metric, each example counted once (times its sample weight). */
    MetricSet evaluate();

    /**
     * @param source named in the error when the metric is unknown (the suite or gates file)
     * @throws io.jenkins.plugins.mlops.core.error.BadInputException for an unknown metric name
     */
    MetricFunction function(String metric, Object source);
}
