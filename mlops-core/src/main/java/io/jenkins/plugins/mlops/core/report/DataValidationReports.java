package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.data.Anomaly;
import io.jenkins.plugins.mlops.core.data.Comparison;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.data.DatasetStatistics;
import io.jenkins.plugins.mlops.core.data.FeatureCheck;
import io.jenkins.plugins.mlops.core.data.WideData;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the data stage's outputs into a directory and returns the {@link StageResult} to store
 * in the run under {@value DataValidationResult#STAGE}: {@value #STATISTICS} (statistics of the
 * data, reference and serving data), {@value #ANOMALIES} (anomalies, drift, skew),
 * {@value #HTML} (the section) and {@value #JUNIT} (one test case per feature check).
 */
public final class DataValidationReports {
    public static final String STATISTICS = "data-statistics.json";
    public static final String ANOMALIES = "data-anomalies.json";
    public static final String HTML = "data-validation.html";
    public static final String JUNIT = "data-validation-junit.xml";

    private DataValidationReports() {
    }

    /**
     * @param dir    where to write the four files (created if needed)
     * @param runDir the run directory the report paths are made relative to (usually {@code dir} or its parent)
     */
    public static StageResult write(DataValidationResult result, Path dir, Path runDir) {
        Map<String, DatasetStatistics> statistics = new LinkedHashMap<>();
        statistics.put("data", result.statistics());
        if (result.reference() != null) {
            statistics.put("reference", result.reference());
        }
        if (result.serving() != null) {
            statistics.put("serving", result.serving());
        }
        // wide data: compact JSON, bins only where the HTML shows them, a digest in the HTML (docs/data-validation.md)
        boolean wide = WideData.isWide(result);
        java.util.Set<String> shown = WideData.shownFeatures(result, WideData.REPORT_FEATURES);
        AtomicFiles.writeJson(dir.resolve(STATISTICS), statistics, !wide);
        AtomicFiles.writeJson(dir.resolve(ANOMALIES), new AnomaliesFile(result.verdict(), result.failOn().name(),
                result.anomalies(), WideData.withBinsFor(result.drift(), shown),
                WideData.withBinsFor(result.skew(), shown)), !wide);
        AtomicFiles.writeString(dir.resolve(HTML), DataValidationSection.render(
                WideData.digest(result, WideData.REPORT_FEATURES, WideData.REPORT_ANOMALIES)));
        AtomicFiles.write(dir.resolve(JUNIT), out -> junit(result).writeTo(out));
        List<String> reports = new ArrayList<>();
        Path base = runDir.toAbsolutePath().normalize();
        for (String name : List.of(STATISTICS, ANOMALIES, HTML, JUNIT)) {
            Path file = dir.toAbsolutePath().normalize().resolve(name);
            reports.add(file.startsWith(base) ? base.relativize(file).toString().replace('\\', '/') : file.toString());
        }
        return stageResult(result, reports);
    }

    /** The stage result without report files (nothing written); wide data keeps a digest in the run. */
    public static StageResult stageResult(DataValidationResult result, List<String> reports) {
        JsonNode details = Json.mapper().valueToTree(WideData.digest(result, WideData.RUN_FEATURES, WideData.RUN_ANOMALIES));
        return new StageResult(DataValidationResult.STAGE, result.verdict(), result.passed(), result.summary(),
                Instant.now(), details, reports);
    }

    /** The anomalies file: the verdict, every anomaly and every drift and skew value. */
    public record AnomaliesFile(String verdict, String failOn, List<Anomaly> anomalies, List<Comparison> drift,
                                List<Comparison> skew) {
    }

    public static JUnitReport junit(DataValidationResult result) {
        List<JUnitReport.Case> cases = new ArrayList<>();
        Map<String, List<Anomaly>> anomaliesOf = new HashMap<>();
        for (Anomaly a : result.anomalies()) {
            anomaliesOf.computeIfAbsent(a.feature() == null ? "(dataset)" : a.feature(), k -> new ArrayList<>()).add(a);
        }
        for (FeatureCheck c : WideData.junitChecks(result, WideData.REPORT_FEATURES)) {
            String className = "dataValidation." + c.feature();
            String details = "measured: " + c.measured() + "\nexpected: " + c.expected();
            if (c.passed()) {
                cases.add(JUnitReport.Case.passed(className, c.check(), details));
            } else {
                cases.add(JUnitReport.Case.failed(className, c.check(),
                        c.severity() + ": " + c.measured() + " (expected " + c.expected() + ")", details
                                + exampleLines(anomaliesOf.getOrDefault(c.feature(), List.of()), c)));
            }
        }
        return new JUnitReport("dataValidation", cases);
    }

    /** {@code anomalies}: those of the check's feature. */
    private static String exampleLines(List<Anomaly> anomalies, FeatureCheck c) {
        for (Anomaly a : anomalies) {
            if (!a.exampleLines().isEmpty() && c.measured().equals(a.measured())) {
                return "\nexample lines: " + a.exampleLines();
            }
        }
        return "";
    }
}
