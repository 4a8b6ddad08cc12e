package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.DataValidationReports;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.report.StandardStageSections;
import io.jenkins.plugins.mlops.core.report.Templates;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Wide data (20,000 columns) is validated whole, every anomaly counted and every feature's
 * statistics written, while the run record and the reports stay bounded: what a user of the
 * run page, the HTML report and the JUnit XML relies on not to fill a disk or a browser.
 */
public class WideDataReportsTest {
    private static final int COLUMNS = 20_000;
    /** Columns with a negative value under a schema that says min 0: one OUT_OF_DOMAIN anomaly each. */
    private static final int OUT_OF_DOMAIN = (COLUMNS + 12) / 13;

    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    private static DataValidationResult result;
    private static StageResult stage;
    private static Path reports;

    @BeforeClass
    public static void validateWideFile() throws Exception {
        Path dir = tmp.getRoot().toPath();
        StringBuilder data = new StringBuilder();
        StringBuilder reference = new StringBuilder();
        StringBuilder schema = new StringBuilder("{\"version\": 1, \"features\": [");
        for (int c = 0; c < COLUMNS; c++) {
            String sep = c == 0 ? "" : ",";
            data.append(sep).append('c').append(c);
            reference.append(sep).append('c').append(c);
            schema.append(sep).append("{\"name\": \"c").append(c)
                    .append("\", \"type\": \"int\", \"domain\": {\"min\": 0}, \"drift\": {\"threshold\": 0.1}}");
        }
        schema.append("]}");
        for (int r = 0; r < 3; r++) {
            data.append('\n');
            reference.append('\n');
            for (int c = 0; c < COLUMNS; c++) {
                String sep = c == 0 ? "" : ",";
                // every 13th column has a negative value in the data: out of domain and drifted
                data.append(sep).append(c % 13 == 0 && r == 0 ? -5 : r + c % 7);
                reference.append(sep).append(r + c % 7);
            }
        }
        Files.writeString(dir.resolve("wide.csv"), data.append('\n'));
        Files.writeString(dir.resolve("reference.csv"), reference.append('\n'));
        Files.writeString(dir.resolve("schema.json"), schema);
        result = DataValidator.validate(new DataValidationRequest(dir.resolve("wide.csv").toString(),
                dir.resolve("schema.json").toString(), dir.resolve("reference.csv").toString(), null, Severity.ERROR,
                null, 2));
        reports = dir.resolve("run/data-validation");
        stage = StageReports.write(result, dir.resolve("run"));
    }

    @Test
    public void everyAnomalyIsCountedAndListedInTheAnomaliesFileAndEveryFeatureInTheStatisticsFile() throws Exception {
        long outOfDomain = result.anomalies().stream().filter(a -> a.kind() == AnomalyKind.OUT_OF_DOMAIN).count();
        assertThat(outOfDomain).isEqualTo(OUT_OF_DOMAIN);
        JsonNode anomalies = Json.mapper().readTree(reports.resolve(DataValidationReports.ANOMALIES).toFile());
        assertThat(anomalies.get("anomalies")).hasSize(result.anomalies().size());
        assertThat(anomalies.get("drift")).hasSize(COLUMNS);
        // bins for the features the HTML shows and for exceeded values, not for 20,000 others
        long withBins = 0;
        for (JsonNode c : anomalies.get("drift")) {
            withBins += c.get("bins").isEmpty() ? 0 : 1;
            if (c.get("exceeded").asBoolean()) {
                assertThat(c.get("bins")).isNotEmpty();
            }
        }
        assertThat(withBins).isLessThanOrEqualTo(WideData.REPORT_FEATURES + OUT_OF_DOMAIN);
        JsonNode statistics = Json.mapper().readTree(reports.resolve(DataValidationReports.STATISTICS).toFile());
        assertThat(statistics.path("data").path("features")).hasSize(COLUMNS);
        assertThat(statistics.path("reference").path("features")).hasSize(COLUMNS);
    }

    @Test
    public void runRecordKeepsADigestUnderOneMegabyteThatStillCountsEverything() throws Exception {
        byte[] details = Json.mapper().writeValueAsBytes(stage.details());
        assertThat(details.length).isLessThan(1_000_000);
        assertThat(stage.details().get("anomalies").size()).isEqualTo(WideData.RUN_ANOMALIES);
        assertThat(stage.details().path("omitted").path("anomalies").asInt())
                .isEqualTo(result.anomalies().size() - WideData.RUN_ANOMALIES);
        assertThat(stage.details().path("errors").asLong()).isEqualTo(result.anomalies().size());
        assertThat(stage.details().path("statistics").path("features")).hasSize(WideData.RUN_FEATURES);
        assertThat(stage.details().path("omitted").path("features").asInt()).isEqualTo(COLUMNS - WideData.RUN_FEATURES);
        // the summary counts the drift of every feature, not of the 100 kept
        long drifted = result.drift().stream().filter(Comparison::exceeded).count();
        assertThat(drifted).isEqualTo(OUT_OF_DOMAIN);
        assertThat(stage.summary()).contains("drift over threshold in " + drifted + " of " + COLUMNS + " features");
    }

    @Test
    public void runPageRendersTheDigestWithAnomalousFeaturesFirstAndSaysHowManyMore() {
        String html = Templates.render(StandardStageSections.all().render(null, stage));
        assertThat(html).contains("mlops-data-validation", (COLUMNS - WideData.RUN_FEATURES) + " more features: see data-statistics.json",
                (result.anomalies().size() - WideData.RUN_ANOMALIES) + " more anomalies: see data-anomalies.json",
                "drift over threshold in " + OUT_OF_DOMAIN + " of " + COLUMNS + " features");
        // c0, c13, c26 ... have anomalies: the 100 shown are the first 100 of them, not c1, c2 ...
        assertThat(html).contains("data-feature=\"c" + (WideData.RUN_FEATURES - 1) * 13 + "\"")
                .doesNotContain("data-feature=\"c1\"", "data-feature=\"c" + WideData.RUN_FEATURES * 13 + "\"");
    }

    @Test
    public void htmlReportShowsAThousandFeaturesAnomalousFirstAndSaysHowManyMore() throws Exception {
        String html = Files.readString(reports.resolve(DataValidationReports.HTML));
        assertThat(Files.size(reports.resolve(DataValidationReports.HTML))).isLessThan(10_000_000);
        assertThat(html.split("class=\"mlops-feature\"", -1)).hasSize(WideData.REPORT_FEATURES + 1);
        assertThat(html).contains((COLUMNS - WideData.REPORT_FEATURES) + " more features: see data-statistics.json",
                (result.anomalies().size() - WideData.REPORT_ANOMALIES) + " more anomalies: see data-anomalies.json");
        // anomalous columns first: c12987, the thousandth of them, is shown, and the clean c1 is not
        assertThat(html).contains("data-feature=\"c" + (WideData.REPORT_FEATURES - 1) * 13 + "\"")
                .doesNotContain("data-feature=\"c1\"");
    }

    @Test
    public void junitHasEveryFailedCheckAndOneCasePerCheckForTheOtherFeaturesPassingChecks() throws Exception {
        String xml = Files.readString(reports.resolve(DataValidationReports.JUNIT));
        int failures = xml.split("<failure ", -1).length - 1;
        assertThat(failures).isEqualTo(result.checks().stream().filter(c -> !c.passed()).count());
        assertThat(xml).contains("failures=\"" + failures + "\"");
        int cases = xml.split("<testcase ", -1).length - 1;
        assertThat(cases).isLessThan(result.checks().size() / 4);
        String others = "dataValidation.(" + (COLUMNS - WideData.REPORT_FEATURES) + " other features)";
        assertThat(xml).contains("classname=\"" + others + "\" name=\"type\"",
                "classname=\"" + others + "\" name=\"domain\"");
        assertThat(Files.size(reports.resolve(DataValidationReports.JUNIT))).isLessThan(5_000_000);
    }
}
