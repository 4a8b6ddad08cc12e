package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;
import org.openqa.selenium.By;

/**
 * mlTrack in a Pipeline on the agent {@code ml} (every call crosses remoting): one run per build
 * with appended metric history, stored in the build directory and kept over a reload of the build;
 * a conflicting param and a path out of the workspace fail the build with the message; the build,
 * its summary and the job's comparison show the runs, a hostile run name escaped; a TensorBoard log
 * directory is tracked as one curve per run and tag, a file still being written with a warning.
 * (TrackPipelineITest's scenarios: its JenkinsRule cannot run on these machines.)
 */
public class TrackPipelineJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    private static final String TRAIN = "writeFile file: 'out/train.json', text: '{\"loss\": [0.9, 0.5]}'\n"
            + "writeFile file: 'data/train.csv', text: 'a,b,label\\n1,2,0\\n3,4,1\\n'\n";
    private static final String HOSTILE = "<img src=x onerror=alert(1)>";

    private static Build build(String job, String body) {
        JENKINS.get().agent();
        JENKINS.client().createPipelineJob(job, "node('ml') {\n" + body + "}\n");
        return JENKINS.client().build(job);
    }

    @Test
    public void twoCallsInOneBuildRecordOneRunWithAppendedMetricsAndBothParamsKeptOverAReload() {
        Build build = build("track-two-calls", TRAIN
                + "mlTrack experiment: 'breast-cancer', params: 'C=1.0', metrics: 'out/train.json', datasets: 'train=data/train.csv'\n"
                + "writeFile file: 'out/eval.json', text: '{\"loss\": [0.3], \"accuracy\": 0.96}'\n"
                + "mlTrack params: 'C=1.0, max_iter=200', metrics: 'out/eval.json', tags: 'stage=eval'\n");

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("mlTrack: recorded run track-two-calls#1 (experiment breast-cancer)")
                .contains("mlTrack: call 2 in this build added to run track-two-calls#1");
        JsonNode run = StoredRun.of(JENKINS.get(), build).record();
        assertThat(run.path("experiment").asText()).isEqualTo("breast-cancer");
        assertThat(run.path("params").path("C").asText()).isEqualTo("1.0");
        assertThat(run.path("params").path("max_iter").asText()).isEqualTo("200");
        assertThat(run.path("tags").path("stage").asText()).isEqualTo("eval");
        assertThat(run.path("metrics").path("loss").path("values").toString()).isEqualTo("[0.9,0.5,0.3]");
        assertThat(run.path("metrics").path("accuracy").path("last").asDouble()).isEqualTo(0.96);
        assertThat(run.path("datasets")).hasSize(1);
        assertThat(run.path("datasets").get(0).path("rows").asLong()).isEqualTo(2);
        assertThat(run.path("ci").path("system").asText()).isEqualTo("jenkins");
        assertThat(run.path("ci").path("build").asInt()).isEqualTo(1);

        // Jenkins reads the build back from disk (as after a restart): the action finds the same run in run.json
        String reloaded = JENKINS.client().script(String.join("\n",
                "import io.jenkins.plugins.mlops.model.MlopsRunAction",
                "import io.jenkins.plugins.mlops.core.track.RunRecordReader",
                "def b = jenkins.model.Jenkins.get().getItemByFullName('track-two-calls').getBuildByNumber(1)",
                "b.reload()",
                "def action = b.getAction(MlopsRunAction)",
                "println \"calls=${action.calls}\"",
                "println \"same=${action.record == RunRecordReader.read(new File(b.rootDir, 'mlops/run.json').toPath())}\"",
                "println \"loss=${action.record.metrics().get('loss').values() as List}\""));
        assertThat(reloaded).contains("calls=2").contains("same=true").contains("loss=[0.9, 0.5, 0.3]");
        assertThat(JENKINS.client().get(build.path() + "mlops/").expect(200).body()).contains("breast-cancer").contains("max_iter");
    }

    @Test
    public void aParamGivenAnotherValueFailsTheBuildWithTheMessageAndKeepsTheFirstRun() {
        Build build = build("track-conflict", TRAIN
                + "mlTrack experiment: 'bc', params: 'C=1.0', metrics: 'out/train.json'\n"
                + "mlTrack params: 'C=2.0'\n");

        assertThat(build.result()).as(build.console()).isEqualTo("FAILURE");
        assertThat(build.console()).contains("param 'C'").contains("write-once").doesNotContain("at io.jenkins.plugins.mlops");
        assertThat(StoredRun.of(JENKINS.get(), build).record().path("params").path("C").asText()).isEqualTo("1.0");
    }

    @Test
    public void aPathOutOfTheWorkspaceFailsTheBuildNamingIt() {
        Build build = build("track-escape", "mlTrack metrics: '../../secrets.json'\n");

        assertThat(build.result()).as(build.console()).isEqualTo("FAILURE");
        assertThat(build.console()).contains("../../secrets.json").doesNotContain("\tat ");
        assertThat(StoredRun.of(JENKINS.get(), build).exists()).isFalse();
    }

    @Test
    public void theBuildItsSummaryAndTheJobPageShowTheRunsWithAHostileNameEscaped() {
        String body = TRAIN + "mlTrack experiment: 'bc', name: '" + HOSTILE + "', metrics: 'out/train.json'\n";
        Build first = build("track-pages", body);
        Build second = JENKINS.client().build("track-pages");
        assertThat(first.result()).as(first.console()).isEqualTo("SUCCESS");
        assertThat(second.result()).as(second.console()).isEqualTo("SUCCESS");

        String runHtml = JENKINS.client().get(first.path() + "mlops/").expect(200).body();
        assertThat(runHtml).doesNotContain("<img src=x").contains("&lt;img src=x onerror=alert(1)&gt;").contains("loss");
        try (JenkinsBrowser browser = new JenkinsBrowser(JENKINS.get())) {
            browser.loginAsAdmin().open(first.path() + "mlops/");
            assertThat(browser.text()).contains(HOSTILE).contains("loss");
            assertThat(browser.findAll(By.cssSelector("#main-panel img[src='x']"))).isEmpty();
            browser.screenshot("track-pages-run");

            browser.open(first.path());
            assertThat(browser.text()).contains("loss = 0.5");

            browser.open("job/track-pages/mlops/");
            List<?> rows = browser.findAll(By.cssSelector("#mlops-compare-table tbody tr"));
            assertThat(rows).hasSize(2);
            assertThat(browser.text()).doesNotContain("No build of this job");
            assertThat(browser.driver().getTitle()).contains("ML runs of track-pages");
            assertThat(browser.findAll(By.cssSelector("#main-panel img[src='x']"))).isEmpty();
            browser.screenshot("track-pages-job");
        }
    }

    @Test
    public void aTensorBoardLogDirectoryIsTrackedAndTheRunPageShowsItsCurves() throws Exception {
        Path logs = Files.createTempDirectory("mlops-tb-logs");
        Process writer = new ProcessBuilder("python3",
                Path.of("..").toAbsolutePath().normalize().resolve("mlops-core/src/test/resources/track/tensorboard/write_events.py")
                        .toString(), logs.toString(), "30").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(writer.exitValue()).isZero();
        Path train = logs.resolve("train/events.out.tfevents.1700000000.host.1.0");
        byte[] validation = Files.readAllBytes(logs.resolve("validation/events.out.tfevents.1700000000.host.1.1"));
        validation = Arrays.copyOf(validation, validation.length - 3); // the training loop is still writing it
        // the event files are binary: they reach the agent's workspace as base64
        Build build = build("track-tensorboard", "sh '''mkdir -p logs/train logs/validation\n"
                + "base64 -d > logs/train/events.out.tfevents.1700000000.host.1.0 <<'EOF'\n"
                + Base64.getMimeEncoder().encodeToString(Files.readAllBytes(train)).replace("\r", "") + "\nEOF\n"
                + "base64 -d > logs/validation/events.out.tfevents.1700000000.host.1.1 <<'EOF'\n"
                + Base64.getMimeEncoder().encodeToString(validation).replace("\r", "") + "\nEOF\n'''\n"
                + "mlTrack experiment: 'tb', metrics: 'logs/'\n");

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("mlTrack: warning: ").contains("logs/validation/events.out.tfevents")
                .contains("partial record at byte offset").contains("3 metrics");
        JsonNode run = StoredRun.of(JENKINS.get(), build).record();
        assertThat(run.path("metrics").path("train/loss").path("count").asInt()).isEqualTo(30);
        assertThat(run.path("metrics").path("validation/loss").path("count").asInt()).isEqualTo(2); // 3rd cut short
        assertThat(run.path("params").path("lr").asText()).isEqualTo("0.001");
        try (JenkinsBrowser browser = new JenkinsBrowser(JENKINS.get())) {
            browser.loginAsAdmin().open(build.path() + "mlops/");
            for (String metric : List.of("train/loss", "train/accuracy", "validation/loss")) {
                assertThat(browser.findAll(By.cssSelector("figure.mlops-chart[data-metric='" + metric + "'] polyline")))
                        .as(metric).hasSize(1);
            }
            browser.js("document.querySelector('.mlops-charts').scrollIntoView()");
            browser.screenshot("track-tensorboard-run");
        }
    }
}
