package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;

/**
 * mlValidate with {@code engine: 'spark'} in a Pipeline on the agent {@code ml}: the agent runs the
 * configured Spark launcher (this repository's bin/mlops-spark, Spark 4.2.0 from Maven Central) in
 * {@code local[2]}, and the build records what the same job with the local engine records: the
 * same verdict, anomalies (kind, feature, severity, example lines), row counts, exact statistics,
 * drift and skew, the same JUnit XML and ML Run page. Bad input fails the step with the same message
 * as locally and stores nothing; a directory of part files in the workspace is validated like a file,
 * its example rows named by part, and a bad one (mixed formats) fails with the CLI's message; a
 * launcher that is not installed, an unknown engine and a master without engine 'spark' fail with
 * the fix (the form checks show the same words); aborting the build stops the launcher's processes.
 */
public class ValidateSparkJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    /**
     * The example project's validation data with injected faults, made in the workspace: a text in a
     * float column (row 3), a negative radius (domain min 0, row 7), a row with a field too many (row 12).
     */
    private static final String FAULTY = "sh \"sed -e '3s/^[^,]*/abc/' -e '7s/^[^,]*/-4.2/' -e '12s/\\$/,1/' data/valid.csv > faulty.csv\"\n";

    /**
     * FAULTY as a directory of two CSV parts, as Spark writes one (lines 1-10, then the header and
     * lines 11 on), a {@code _SUCCESS} beside them, and a directory whose parts mix CSV and JSON Lines.
     */
    private static final String PARTS = "sh \"mkdir -p parts mixed && head -n 10 faulty.csv > parts/part-00000.csv"
            + " && (head -n 1 faulty.csv; tail -n +11 faulty.csv) > parts/part-00001.csv && touch parts/_SUCCESS"
            + " && cp parts/part-00000.csv mixed/ && echo '{}' > mixed/part-00001.jsonl\"\n";

    /** A directory no launcher is in, put first on the build's PATH by withEnv. */
    private static final String EXTRA_PATH = "/nonexistent/mlops-jenkinstest-path";

    /**
     * A job that validates DATA with engine ENGINE and master MASTER (empty: none), so the builds it
     * compares share one workspace: the same paths in what they record.
     */
    private static void createJob(String job) {
        JENKINS.get().agent();
        JENKINS.client().createOrUpdateJob(job, JobXml.inlinePipeline("node('ml') {\n"
                + "  git url: '" + JENKINS.get().gitRemote().url() + "', branch: 'main'\n"
                + "  dir('examples/breast-cancer') {\n"
                + "    " + FAULTY
                + "    " + PARTS
                + "    writeFile file: 'empty.csv', text: ''\n"
                // the launcher is looked up on the build's PATH, withEnv's part of it included
                + "    withEnv(['PATH+EXTRA=" + EXTRA_PATH + "']) {\n"
                + "      mlValidate data: params.DATA, schema: 'schema.json', reference: 'data/train.csv', serving: 'data/serving.csv',"
                + " buildResult: 'UNSTABLE', engine: params.ENGINE, sparkMaster: params.MASTER\n"
                + "    }\n"
                + "    echo 'after mlValidate'\n"
                + "  }\n}\n", Map.of("DATA", "faulty.csv", "ENGINE", "local", "MASTER", "")));
    }

    private static Build build(String job, String data, String engine, String master) {
        return JENKINS.client().build(job, Map.of("DATA", data, "ENGINE", engine, "MASTER", master));
    }

    @Test
    public void sparkRecordsWhatTheLocalEngineRecordsForTheExampleDataWithInjectedFaults() throws Exception {
        SparkLauncherSetting.use(JENKINS.get());
        String job = "spark-validate";
        createJob(job);
        Build local = build(job, "faulty.csv", "local", "");
        Build spark = build(job, "faulty.csv", "spark", "local[2]");

        assertThat(local.result()).as(local.console()).isEqualTo("UNSTABLE");
        assertThat(spark.result()).as(spark.console()).isEqualTo("UNSTABLE");
        assertThat(spark.console()).contains("mlValidate: validating faulty.csv on Spark (master local[2]) with the Spark launcher "
                        + JENKINS.get().settings().repository().resolve("bin/mlops-spark"))
                .contains("mlValidate: dataValidation FAILED").contains("after mlValidate").doesNotContain("\tat ");
        assertThat(local.console()).doesNotContain("on Spark");
        assertThat(line(spark.console(), "mlValidate: dataValidation")).isEqualTo(line(local.console(), "mlValidate: dataValidation"));

        JsonNode onSpark = StoredRun.of(JENKINS.get(), spark).stage("dataValidation");
        JsonNode onLocal = StoredRun.of(JENKINS.get(), local).stage("dataValidation");
        assertThat(onSpark.path("verdict").asText()).isEqualTo(onLocal.path("verdict").asText()).isEqualTo("FAILED");
        assertThat(onSpark.path("summary").asText()).isEqualTo(onLocal.path("summary").asText());
        JsonNode s = onSpark.path("details");
        JsonNode l = onLocal.path("details");
        assertThat(s.path("anomalies")).as("the anomalies, with kinds, features, severities and example lines").isEqualTo(l.path("anomalies"));
        assertThat(kinds(l.path("anomalies"))).contains("TYPE_MISMATCH", "OUT_OF_DOMAIN", "RAGGED_ROW");
        assertThat(l.path("drift")).isNotEmpty();
        assertThat(l.path("skew")).isNotEmpty();
        List<String> compared = new ArrayList<>();
        compare("details", s, l, compared);
        assertThat(compared).as("values compared").hasSizeGreaterThan(1000);
        System.out.println("[spark] " + compared.size() + " recorded values equal between the engines (sketches aside)");

        String junit = "data-validation/data-validation-junit.xml";
        String sparkXml = Files.readString(StoredRun.of(JENKINS.get(), spark).report(junit));
        assertThat(withoutTimes(sparkXml)).as("JUnit XML").isEqualTo(withoutTimes(Files.readString(StoredRun.of(JENKINS.get(), local).report(junit))));
        assertThat(sparkXml).contains("<failure");
        String page = JENKINS.client().get(spark.path() + "mlops/").expect(200).body();
        for (JsonNode anomaly : l.path("anomalies")) {
            assertThat(page).contains(anomaly.path("feature").asText(""));
        }
        assertThat(JENKINS.get().agent().workspace(job).resolve("examples/breast-cancer"))
                .as("the launcher's scratch directory is removed after a result").isDirectoryNotContaining("glob:**/.mlops-spark-*");
    }

    @Test
    public void aDirectoryOfPartFilesInTheWorkspaceIsValidatedByBothEnginesWithExampleRowsNamedByPart() {
        SparkLauncherSetting.use(JENKINS.get());
        String job = "spark-validate-parts";
        createJob(job);
        Build local = build(job, "parts/", "local", "");
        Build spark = build(job, "parts/", "spark", "local[2]");

        for (Build b : List.of(local, spark)) {
            assertThat(b.result()).as(b.console()).isEqualTo("UNSTABLE");
            assertThat(b.console()).contains("mlValidate: dataValidation FAILED").contains("after mlValidate").doesNotContain("\tat ");
        }
        assertThat(spark.console()).contains("mlValidate: validating parts/ on Spark (master local[2])");
        JsonNode l = StoredRun.of(JENKINS.get(), local).stage("dataValidation").path("details");
        JsonNode s = StoredRun.of(JENKINS.get(), spark).stage("dataValidation").path("details");
        assertThat(s.path("anomalies")).as("the same anomalies, example rows named by part").isEqualTo(l.path("anomalies"));
        assertThat(s.path("rows")).isEqualTo(l.path("rows"));
        // the same data as one file: the same rows and anomalies, its example lines counted in the file
        JsonNode file = StoredRun.of(JENKINS.get(), build(job, "faulty.csv", "local", "")).stage("dataValidation").path("details");
        assertThat(l.path("rows")).as("the two parts' rows, their headers left out").isEqualTo(file.path("rows"));
        assertThat(summaries(l.path("anomalies"))).isEqualTo(summaries(file.path("anomalies"))).isNotEmpty();
        assertThat(locations(l.path("anomalies"), "TYPE_MISMATCH")).containsExactly("part-00000.csv:3");
        assertThat(locations(l.path("anomalies"), "OUT_OF_DOMAIN")).containsExactly("part-00000.csv:7");
        // sed appends the field after line 12's CR, so the file's ragged row is its line 13: the second part's line 4
        assertThat(locations(file.path("anomalies"), "RAGGED_ROW")).containsExactly("13");
        assertThat(locations(l.path("anomalies"), "RAGGED_ROW")).containsExactly("part-00001.csv:4");

        Build mixedLocal = build(job, "mixed", "local", "");
        Build mixedSpark = build(job, "mixed", "spark", "local[2]");
        for (Build b : List.of(mixedLocal, mixedSpark)) {
            assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
            assertThat(b.console()).contains("part-00001.jsonl").contains("must all be of one format")
                    .doesNotContain("is a directory, not a file").doesNotContain("after mlValidate").doesNotContain("\tat ");
            assertThat(StoredRun.of(JENKINS.get(), b).dir()).as("nothing stored").doesNotExist();
        }
        assertThat(line(mixedSpark.console(), "ERROR: mlValidate: ")).as("the CLI's message, from the launcher's exit 2")
                .isEqualTo(line(mixedLocal.console(), "ERROR: mlValidate: "));
    }

    /** The example rows of the anomalies of {@code kind}: by part ("part-00000.csv:3"), or the file's line numbers. */
    private static List<String> locations(JsonNode anomalies, String kind) {
        List<String> found = new ArrayList<>();
        anomalies.forEach(a -> {
            if (a.path("kind").asText().equals(kind)) {
                a.path(a.has("exampleLocations") ? "exampleLocations" : "exampleLines").forEach(x -> found.add(x.asText()));
            }
        });
        return found;
    }

    /** Each anomaly's kind, feature, severity and count: what a part directory and its single file share. */
    private static List<String> summaries(JsonNode anomalies) {
        List<String> found = new ArrayList<>();
        anomalies.forEach(a -> found.add(a.path("kind").asText() + " " + a.path("feature").asText() + " "
                + a.path("severity").asText() + " " + a.path("count").asText()));
        return found;
    }

    @Test
    public void badInputFailsWithTheLocalEnginesMessageAndAMissingLauncherOrAStrayMasterSaysTheFix() {
        SparkLauncherSetting.use(JENKINS.get());
        String job = "spark-validate-bad";
        createJob(job);
        Build local = build(job, "empty.csv", "local", "");
        Build spark = build(job, "empty.csv", "spark", "local[2]");
        for (Build b : List.of(local, spark)) {
            assertThat(b.result()).as(b.console()).isEqualTo("FAILURE");
            assertThat(b.console()).contains("empty.csv").doesNotContain("after mlValidate").doesNotContain("\tat ");
            assertThat(StoredRun.of(JENKINS.get(), b).dir()).as("nothing stored").doesNotExist();
        }
        String message = line(local.console(), "ERROR: mlValidate: ");
        assertThat(message).as(local.console()).isNotEmpty();
        assertThat(line(spark.console(), "ERROR: mlValidate: ")).as("the CLI's own message, from the launcher's exit 2").isEqualTo(message);

        Build stray = build(job, "faulty.csv", "local", "local[2]");
        assertThat(stray.result()).isEqualTo("FAILURE");
        assertThat(stray.console()).contains("sparkMaster: applies to the spark engine only. Fix: set engine to spark, or leave sparkMaster out");
        Build unknown = build(job, "faulty.csv", "beam", "");
        assertThat(unknown.result()).isEqualTo("FAILURE");
        assertThat(unknown.console()).contains("engine: 'beam' is not local or spark. Fix: leave engine out for local (the default), or set it to spark");
        // the form checks say the same under the field (POST with crumb, as the configure page asks them)
        String checks = "job/" + job + "/descriptorByName/io.jenkins.plugins.mlops.steps.ValidateStep/";
        assertThat(JENKINS.client().post(checks + "checkSparkMaster?value=local%5B2%5D&engine=local", null, "").expect(200).body())
                .containsPattern("class=\"?error").contains("sparkMaster: applies to the spark engine only. Fix: set engine to spark");
        assertThat(JENKINS.client().post(checks + "checkEngine?value=beam", null, "").expect(200).body())
                .containsPattern("class=\"?error").contains("is not local or spark. Fix: leave engine out for local (the default)");
        assertThat(JENKINS.client().post(checks + "checkSparkMaster?value=local%5B2%5D&engine=spark", null, "").expect(200).body())
                .doesNotContainPattern("class=\"?error");
        Build option = build(job, "faulty.csv", "spark", "--conf=x");
        assertThat(option.result()).isEqualTo("FAILURE");
        assertThat(option.console()).contains("sparkMaster: '--conf=x' is not a Spark master URL").doesNotContain("on Spark");

        String before = SparkLauncherSetting.set(JENKINS.get(), "mlops-spark-not-installed");
        try {
            Build missing = build(job, "faulty.csv", "spark", "");
            assertThat(missing.result()).isEqualTo("FAILURE");
            assertThat(missing.console()).contains("the Spark launcher 'mlops-spark-not-installed' is not on the agent's PATH ("
                            + EXTRA_PATH + ":")
                    .contains("install the project's bin/mlops-spark on the agent").contains("Manage Jenkins > System > MLOps")
                    .doesNotContain("\tat ");
            assertThat(StoredRun.of(JENKINS.get(), missing).dir()).doesNotExist();
        } finally {
            SparkLauncherSetting.set(JENKINS.get(), before.isEmpty() ? null : before);
        }
    }

    @Test
    public void abortingTheBuildStopsTheSparkDriverOnTheAgent() {
        SparkLauncherSetting.use(JENKINS.get());
        String job = "spark-validate-abort";
        createJob(job);
        String data = JENKINS.get().agent().workspace(job).resolve("examples/breast-cancer/faulty.csv").toString();
        int number = JENKINS.client().trigger(job, Map.of("DATA", "faulty.csv", "ENGINE", "spark", "MASTER", "local[2]"))
                .awaitBuildNumber(JENKINS.client());
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!running(data) && System.nanoTime() < deadline && building(job, number)) {
            RealJenkins.sleep(200);
        }
        assertThat(running(data)).as("the Spark launcher was started on the agent").isTrue();
        JENKINS.client().post("job/" + job + "/" + number + "/stop", null, "");
        Build build = JENKINS.client().awaitFinished(job, number);

        assertThat(build.result()).as(build.console()).isEqualTo("ABORTED");
        long gone = System.nanoTime() + 30_000_000_000L;
        while (running(data) && System.nanoTime() < gone) {
            RealJenkins.sleep(200);
        }
        assertThat(running(data)).as("a process of the Spark launcher is left on the agent").isFalse();
        assertThat(StoredRun.of(JENKINS.get(), build).exists()).isFalse();
        assertThat(build.console()).doesNotContain("after mlValidate");
        assertThat(JENKINS.get().agent().workspace(job).resolve("examples/breast-cancer"))
                .as("the launcher's scratch directory is removed").isDirectoryNotContaining("glob:**/.mlops-spark-*");
    }

    private static boolean building(String job, int number) {
        return JENKINS.client().getJson("job/" + job + "/" + number + "/api/json?tree=building").path("building").asBoolean(true);
    }

    /**
     * Whether a process on this machine (the agent runs here) has {@code argument} in its command line,
     * read from /proc (ProcessHandle's arguments come back empty for the Spark JVM's long command line).
     */
    private static boolean running(String argument) {
        return ProcessHandle.allProcesses().anyMatch(p -> {
            try {
                byte[] cmdline = Files.readAllBytes(java.nio.file.Path.of("/proc", Long.toString(p.pid()), "cmdline"));
                return List.of(new String(cmdline, java.nio.charset.StandardCharsets.UTF_8).split("\0")).contains(argument);
            } catch (java.io.IOException | RuntimeException gone) {
                return false;
            }
        });
    }

    /**
     * Every recorded value of {@code local} is in {@code spark}: equal, but mean and standard deviation to
     * the last bits (partitions add in another order), drift and skew values to 1e-6, and sketch-based
     * values (quantiles, histograms, distinct counts) left to the engine tests, which check their bounds.
     */
    private static void compare(String path, JsonNode spark, JsonNode local, List<String> compared) {
        if (local.isObject()) {
            assertThat(spark.isObject()).as(path).isTrue();
            for (Iterator<Map.Entry<String, JsonNode>> it = local.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                // the scan's own duration is the one value two runs never share
                if (!SKETCHES.contains(field.getKey()) && !field.getKey().endsWith("Seconds")) {
                    compare(path + "." + field.getKey(), spark.path(field.getKey()), field.getValue(), compared);
                }
            }
        } else if (local.isArray()) {
            assertThat(spark.size()).as(path).isEqualTo(local.size());
            for (int i = 0; i < local.size(); i++) {
                compare(path + "[" + i + "]", spark.get(i), local.get(i), compared);
            }
        } else if (local.isFloatingPointNumber() && (path.endsWith(".mean") || path.endsWith(".stddev"))) {
            assertThat(spark.asDouble()).as(path).isCloseTo(local.asDouble(), within(Math.abs(local.asDouble()) * 1e-9));
            compared.add(path);
        } else if (local.isNumber() && (path.matches(".*\\.(drift|skew)\\[\\d+]\\.value"))) {
            assertThat(spark.asDouble()).as(path).isCloseTo(local.asDouble(), within(1e-6));
            compared.add(path);
        } else {
            assertThat(spark).as(path).isEqualTo(local);
            compared.add(path);
        }
    }

    private static final List<String> SKETCHES = List.of("quantiles", "histogram", "distinct", "topValues", "frequentItems");

    private static List<String> kinds(JsonNode anomalies) {
        List<String> kinds = new ArrayList<>();
        anomalies.forEach(a -> kinds.add(a.path("kind").asText()));
        return kinds;
    }

    private static String line(String console, String start) {
        return console.lines().filter(l -> l.startsWith(start)).findFirst().orElse("");
    }

    private static String withoutTimes(String xml) {
        return xml.replaceAll(" (time|timestamp|hostname)=\"[^\"]*\"", "");
    }
}
