package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import gg.jte.Content;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data stage's reports ({@link StageReports} calls this): {@value #STATISTICS} (statistics of
 * the data, reference and serving data), {@value #ANOMALIES} (anomalies, drift, skew),
 * {@value #HTML} (the section) and {@value #JUNIT} (one test case per feature check).
 */
public final class DataValidationReports implements StageWriter<DataValidationResult> {
    public static final String STATISTICS = "data-statistics.json";
    public static final String ANOMALIES = "data-anomalies.json";
    public static final String HTML = "data-validation.html";
    public static final String JUNIT = "data-validation-junit.xml";
    static final DataValidationReports WRITER = new DataValidationReports();

    private DataValidationReports() {
    }

    @Override
    public Class<DataValidationResult> resultType() {
        return DataValidationResult.class;
    }

    @Override
    public List<String> writeFiles(DataValidationResult result, Path dir) {
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
        Set<String> shown = WideData.shownFeatures(result, WideData.REPORT_FEATURES);
        AtomicFiles.writeJson(dir.resolve(STATISTICS), statistics, !wide);
        AtomicFiles.writeJson(dir.resolve(ANOMALIES), new AnomaliesFile(result.verdict(), result.failOn().name(),
                result.anomalies(), WideData.withBinsFor(result.drift(), shown),
                WideData.withBinsFor(result.skew(), shown)), !wide);
        AtomicFiles.writeString(dir.resolve(HTML), DataValidationSection.render(
                WideData.digest(result, WideData.REPORT_FEATURES, WideData.REPORT_ANOMALIES)));
        AtomicFiles.write(dir.resolve(JUNIT), out -> junit(result).writeTo(out));
        return List.of(STATISTICS, ANOMALIES, HTML, JUNIT);
    }

    @Override
    public Content section(DataValidationResult result) {
        return Templates.content("data/section.jte", DataValidationSection.view(result));
    }

    /** The details a run keeps: wide data keeps a digest (docs/data-validation.md, "Wide data: limits"). */
    @Override
    public JsonNode details(DataValidationResult result, StageResult earlier) {
        return Json.mapper().valueToTree(WideData.digest(result, WideData.RUN_FEATURES, WideData.RUN_ANOMALIES));
    }

    /** The anomalies file: the verdict, every anomaly and every drift and skew value. */
    public record AnomaliesFile(String verdict, String failOn, List<Anomaly> anomalies, List<Comparison> drift,
                                List<Comparison> skew) {
    }

    static JUnitReport junit(DataValidationResult result) {
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
                return "\nexample lines: " + a.examples();
            }
        }
        return "";
    }
}
