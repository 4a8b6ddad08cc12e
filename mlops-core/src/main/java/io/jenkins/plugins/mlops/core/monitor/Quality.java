package io.jenkins.plugins.mlops.core.monitor;

import io.jenkins.plugins.mlops.core.gate.Interval;
import io.jenkins.plugins.mlops.core.gate.PoissonBootstrap;
import io.jenkins.plugins.mlops.core.model.MetricEvaluator;
import io.jenkins.plugins.mlops.core.model.MetricFunction;
import io.jenkins.plugins.mlops.core.model.MetricSet;
import io.jenkins.plugins.mlops.core.model.PredictionsReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model quality on the labelled predictions of the window: the model-tests metrics (the same
 * reader and evaluator as {@code mlValidate modelTests}) with Poisson bootstrap intervals, as the
 * blessing gates compute them.
 */
final class Quality {
    static final int RESAMPLES = 1000;
    static final double CONFIDENCE = 0.95;
    static final long SEED = 20261206L;

    private Quality() {
    }

    static Map<String, MonitorResult.Metric> metrics(Path labelled, int resamples) {
        MetricEvaluator evaluator = MetricEvaluator.of(new PredictionsReader(null, null, null).read(labelled));
        MetricSet set = evaluator.evaluate();
        List<String> names = new ArrayList<>(set.values().keySet());
        double[][] samples = null;
        if (resamples > 0 && evaluator.size() > 1) {
            List<MetricFunction> functions = names.stream().map(n -> evaluator.function(n, labelled)).toList();
            samples = PoissonBootstrap.run(evaluator.size(), functions, resamples, SEED);
        }
        Map<String, MonitorResult.Metric> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Interval interval = samples == null ? null : Interval.of(samples[i], CONFIDENCE);
            out.put(names.get(i), new MonitorResult.Metric(set.values().get(names.get(i)), interval));
        }
        return out;
    }
}
