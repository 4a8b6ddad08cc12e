package io.jenkins.plugins.mlops.core.model;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Model unit tests (docs/model-tests.md): metric thresholds overall and per slice over a
 * predictions file, and behavioural tests against the model's endpoint. Everything in the suite
 * is checked before any test runs, so a typo fails fast with exit 2.
 */
public final class ModelTester {
    static final String DOC = "docs/model-tests.md";

    private ModelTester() {
    }

    public static ModelTestResult run(ModelTestRequest request) {
        Path suiteFile = Path.of(request.suiteFile());
        ModelTestSuite suite = Json.readSpec(suiteFile, ModelTestSuite.class, DOC);
        if (suite.minSliceSize() != null && suite.minSliceSize() < 1) {
            throw BadInputException.at(suiteFile, 0, "field 'minSliceSize': " + suite.minSliceSize() + " is not a slice size",
                    "give 1 or more (slices with fewer examples are reported, not tested)");
        }
        for (int i = 0; i < suite.slices().size(); i++) {
            Integer min = suite.slices().get(i).minSize();
            if (min != null && min < 1) {
                throw BadInputException.at(suiteFile, 0, "field 'slices[" + i + "].minSize': " + min + " is not a slice size",
                        "give 1 or more");
            }
        }
        boolean needsPredictions = !suite.thresholds().isEmpty() || !suite.slices().isEmpty();
        if (!needsPredictions && suite.behavioural() == null) {
            throw BadInputException.at(suiteFile, 0, "the suite has no tests", "add thresholds, slices or behavioural tests; see " + DOC);
        }
        Predictions predictions = null;
        MetricEvaluator overall = null;
        if (needsPredictions) {
            if (request.predictionsFile() == null) {
                throw BadInputException.at(suiteFile, 0, "the suite has metric thresholds but no predictions file was given",
                        "pass --predictions FILE (step parameter 'predictions')");
            }
            predictions = new PredictionsReader(suite.columns(), suite.task(), suite.positiveLabel(), suiteFile)
                    .read(Path.of(request.predictionsFile()));
            overall = MetricEvaluator.of(predictions);
        }
        validateThresholds(suite.thresholds(), "thresholds", overall, suiteFile);
        for (int i = 0; i < suite.slices().size(); i++) {
            ModelTestSuite.SliceSpec s = suite.slices().get(i);
            String where = "field 'slices[" + i + "]'";
            if (s.column() == null || s.column().isBlank()) {
                throw BadInputException.at(suiteFile, 0, where + ": 'column' is missing", "name the column to slice by");
            }
            if (!predictions.columns().containsKey(s.column())) {
                throw BadInputException.at(suiteFile, 0, where + ": slice column '" + s.column() + "' is not in "
                        + predictions.source().getFileName() + " (columns available for slicing: " + predictions.columns().keySet() + ")",
                        "add the column to the predictions file or fix the name");
            }
            if (s.thresholds() == null || s.thresholds().isEmpty()) {
                throw BadInputException.at(suiteFile, 0, where + " (" + s.column() + "): no thresholds", "give the metrics each slice must meet");
            }
            validateThresholds(s.thresholds(), "slices[" + i + "].thresholds", overall, suiteFile);
        }
        String endpoint = null;
        if (suite.behavioural() != null) {
            BehaviouralTests.validate(suite.behavioural(), suiteFile);
            endpoint = request.endpoint() != null && !request.endpoint().isBlank() ? request.endpoint() : suite.behavioural().endpoint();
            if (endpoint == null || endpoint.isBlank()) {
                throw BadInputException.at(suiteFile, 0, "the suite has behavioural tests but no endpoint",
                        "pass --endpoint URL (step parameter 'endpoint') or set behavioural.endpoint");
            }
        }

        List<TestCaseResult> tests = new ArrayList<>();
        MetricSet overallMetrics = null;
        Map<String, MetricSet> sliceMetrics = new LinkedHashMap<>();
        if (overall != null) {
            overallMetrics = overall.evaluate();
            for (ModelTestSuite.MetricThreshold t : suite.thresholds()) {
                tests.add(check("metrics", "", t, overallMetrics, suiteFile, predictions.source()));
            }
            int defaultMin = suite.minSliceSize() == null ? 1 : suite.minSliceSize();
            for (ModelTestSuite.SliceSpec s : suite.slices()) {
                Map<String, List<Integer>> groups = groups(predictions.columns().get(s.column()), s.values());
                int min = s.minSize() == null ? defaultMin : s.minSize();
                for (Map.Entry<String, List<Integer>> g : groups.entrySet()) {
                    String slice = s.column() + "=" + g.getKey();
                    int size = g.getValue().size();
                    if (size < min) {
                        for (ModelTestSuite.MetricThreshold t : s.thresholds()) {
                            tests.add(new TestCaseResult("slice " + slice, t.metric(), "SKIPPED", (double) size, ">= " + min
                                    + " examples", "slice " + slice + " has " + size + " examples, fewer than the minimum slice size "
                                    + min + ": " + t.metric() + " not tested", null));
                        }
                        continue;
                    }
                    if (size == 0) {
                        continue;
                    }
                    int[] rows = g.getValue().stream().mapToInt(Integer::intValue).toArray();
                    MetricSet m = MetricEvaluator.of(predictions.subset(rows)).evaluate();
                    sliceMetrics.put(slice, new MetricSet(m.count(), m.values(), m.undefined(), null));
                    for (ModelTestSuite.MetricThreshold t : s.thresholds()) {
                        tests.add(check("slice " + slice, " on slice " + slice, t, m, suiteFile, predictions.source()));
                    }
                }
            }
        }
        if (suite.behavioural() != null) {
            // an endpoint given on the command line (or the step) is blamed as that, not as the suite's
            Object endpointSource = request.endpoint() != null && !request.endpoint().isBlank() ? "--endpoint" : suiteFile;
            tests.addAll(BehaviouralTests.run(suite.behavioural(), new PredictionEndpoint(endpoint, suite.behavioural(), endpointSource)));
        }
        boolean passed = tests.stream().noneMatch(TestCaseResult::failed);
        return new ModelTestResult(passed ? ModelTestResult.PASSED : ModelTestResult.FAILED, passed, suite.name(),
                request.suiteFile(), request.predictionsFile(), endpoint, overallMetrics, sliceMetrics, tests, Instant.now());
    }

    private static void validateThresholds(List<ModelTestSuite.MetricThreshold> thresholds, String field,
                                           MetricEvaluator evaluator, Path suiteFile) {
        for (int i = 0; i < thresholds.size(); i++) {
            ModelTestSuite.MetricThreshold t = thresholds.get(i);
            String where = "field '" + field + "[" + i + "]'";
            if (t == null || t.metric() == null || t.metric().isBlank()) {
                throw BadInputException.at(suiteFile, 0, where + ": 'metric' is missing", "name a metric, e.g. metric: roc_auc");
            }
            if (t.min() == null && t.max() == null) {
                throw BadInputException.at(suiteFile, 0, where + " (" + t.metric() + "): neither 'min' nor 'max'",
                        "give the bound the metric must meet, e.g. min: 0.9");
            }
            evaluator.function(t.metric(), suiteFile + ": " + where);
        }
    }

    private static TestCaseResult check(String group, String where, ModelTestSuite.MetricThreshold t, MetricSet metrics,
                                        Path suiteFile, Path predictionsFile) {
        String expected = (t.min() == null ? "" : ">= " + MetricFormat.number(t.min()))
                + (t.min() != null && t.max() != null ? " and " : "")
                + (t.max() == null ? "" : "<= " + MetricFormat.number(t.max()));
        Double value = metrics.values().get(t.metric());
        if (value == null) {
            String reason = metrics.undefined().getOrDefault(t.metric(), "not computed");
            if (group.equals("metrics")) {
                // overall: the predictions cannot answer the suite's question; that is bad input, not a verdict
                metrics.require(t.metric(), predictionsFile);
            }
            return new TestCaseResult(group, t.metric(), "FAILED", null, expected, t.metric() + where + " is undefined: "
                    + reason + " (required " + expected + ")", null);
        }
        boolean ok = (t.min() == null || value >= t.min()) && (t.max() == null || value <= t.max());
        String message = t.metric() + where + " = " + MetricFormat.number(value) + (ok ? ", meets " : ", fails ") + expected
                + (ok ? "" : " (off by " + MetricFormat.number(t.min() != null && value < t.min() ? t.min() - value
                : value - t.max()) + ", " + metrics.count() + " examples)");
        return new TestCaseResult(group, t.metric(), ok ? "PASSED" : "FAILED", value, expected, message, null);
    }

    private static Map<String, List<Integer>> groups(String[] column, List<String> only) {
        Map<String, List<Integer>> groups = new TreeMap<>();
        if (only != null) {
            only.forEach(v -> groups.put(v, new ArrayList<>()));
        }
        for (int i = 0; i < column.length; i++) {
            String v = column[i] == null ? "" : column[i];
            if (only == null) {
                groups.computeIfAbsent(v, k -> new ArrayList<>()).add(i);
            } else if (groups.containsKey(v)) {
                groups.get(v).add(i);
            }
        }
        return groups;
    }
}
