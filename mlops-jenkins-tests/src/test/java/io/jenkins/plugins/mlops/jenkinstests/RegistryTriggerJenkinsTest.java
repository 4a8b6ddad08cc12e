package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;

/**
 * Issue 18's trigger: {@code triggers { mlRegistry(model: ..., event: 'stage:shadow') }} on a Pipeline
 * starts exactly one build per matching event of the registry (changed from outside Jenkins, with the
 * {@code mlops} CLI, as a training job on another machine would), the build sees the event in its
 * environment and its page says which event started it; events logged while the controller is down
 * ({@code kill -9}) start their builds after the restart, each once, and nothing is repeated.
 */
public class RegistryTriggerJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    private static final String CONFIGURATION = "io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration.get()";
    private static final String MODEL = "trigger-churn";
    private static final String JOB = "trigger-on-shadow";
    private static String registryBefore;
    private static Path registry;

    @BeforeClass
    public static void aRegistryDirectoryIsConfiguredAndPolledEverySecond() {
        registry = JENKINS.get().settings().work().resolve("trigger-registry");
        registryBefore = JENKINS.client().script("def c = " + CONFIGURATION + "\nprint(c.registry == null ? '' : c.registry)\n"
                + "c.registry = " + MlAgent.groovyString(registry.toString()) + "\n"
                + "System.setProperty('io.jenkins.plugins.mlops.trigger.RegistryTrigger.pollSeconds', '1')").trim();
    }

    @AfterClass
    public static void theRegistrySettingIsPutBack() {
        JENKINS.client().script(CONFIGURATION + ".registry = " + MlAgent.groovyString(registryBefore));
    }

    /** Runs the mlops CLI (bin/mlops) on the suite's registry, as a user outside Jenkins would. */
    private static String mlops(String... args) {
        Path repo = JENKINS.get().settings().repository();
        List<String> cmd = new ArrayList<>(List.of(repo.resolve("bin/mlops").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--registry", registry.toString(), "--store", JENKINS.get().settings().work().resolve("trigger-store").toString(),
                "--user", "alice"));
        try {
            Files.createDirectories(JENKINS.get().settings().work().resolve("trigger-store"));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void publish(String content) {
        Path file = JENKINS.get().settings().work().resolve("trigger-model-" + content + ".pkl");
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mlops("publish", MODEL, file.toString(), "--no-run");
    }

    private static void shadow(String version) {
        mlops("registry", "stage", MODEL, version, "shadow", "--reason", "mirror traffic <b>now</b>");
    }

    private static List<Integer> builds() {
        List<Integer> numbers = new ArrayList<>();
        for (JsonNode b : JENKINS.client().getJson("job/" + JOB + "/api/json?tree=builds[number]").path("builds")) {
            numbers.add(b.path("number").asInt());
        }
        numbers.sort(null);
        return numbers;
    }

    /** Waits until the job has {@code count} builds (queued ones start within seconds), then returns them finished. */
    private static List<Build> awaitBuilds(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (builds().size() < count) {
            assertThat(System.nanoTime()).as(JOB + " has " + count + " builds within 2 min (has " + builds() + ")").isLessThan(deadline);
            RealJenkins.sleep(300);
        }
        List<Build> finished = new ArrayList<>();
        for (int n : builds()) {
            finished.add(JENKINS.client().awaitFinished(JOB, n));
        }
        return finished;
    }

    private static String printedEvent(Build b) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^event=(.*)$").matcher(b.console());
        assertThat(m.find()).as(b.console()).isTrue();
        return m.group(1);
    }

    @Test
    public void eachEventStartsOneBuildAndEventsLoggedWhileTheControllerWasKilledStartTheirsOnceAfterTheRestart() {
        publish("one"); // #1, before the job: not a build
        String script = "pipeline {\n  agent none\n"
                + "  triggers { mlRegistry(model: '" + MODEL + "', event: 'stage:shadow') }\n"
                + "  stages { stage('event') { steps {\n"
                + "    echo \"event=${env.MLOPS_EVENT_SEQ} ${env.MLOPS_EVENT_MODEL} ${env.MLOPS_EVENT_VERSION} ${env.MLOPS_EVENT_KIND}\"\n"
                + "  } } }\n}\n";
        // the trigger in the job's properties from the start, as a first run of the triggers{} directive leaves it
        String xml = JobXml.inlinePipeline(script).replace("<flow-definition>\n", "<flow-definition>\n  <properties>\n"
                + "    <org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty><triggers>\n"
                + "      <io.jenkins.plugins.mlops.trigger.RegistryTrigger><spec></spec><model>" + MODEL + "</model>"
                + "<event>stage:shadow</event></io.jenkins.plugins.mlops.trigger.RegistryTrigger>\n"
                + "    </triggers></org.jenkinsci.plugins.workflow.job.properties.PipelineTriggersJobProperty>\n  </properties>\n");
        JENKINS.client().createOrUpdateJob(JOB, xml);

        publish("two");   // #2 published 1.0.1: not the event the job waits for
        shadow("1.0.1");  // #3
        List<Build> first = awaitBuilds(1);
        assertThat(first.get(0).result()).as(first.get(0).console()).isEqualTo("SUCCESS");
        assertThat(printedEvent(first.get(0))).isEqualTo("3 " + MODEL + " 1.0.1 stage:shadow");
        assertThat(first.get(0).console()).contains("Started by the model registry: " + MODEL
                + " 1.0.1 entered stage shadow (event #3): assigned by alice: mirror traffic <b>now</b>");
        String page = JENKINS.client().get("job/" + JOB + "/1/").expect(200).body();
        assertThat(page).as("the cause on the build page, escaped").contains("entered stage shadow (event #3)")
                .contains("mirror traffic &lt;b>now&lt;/b>").doesNotContain("<b>now</b>");

        JENKINS.get().killHard();
        shadow("1.0.0");  // #4, while the controller is down
        publish("three"); // #5
        shadow("1.0.2");  // #6
        JENKINS.get().restart();

        List<Build> all = awaitBuilds(3);
        RealJenkins.sleep(6000); // a few more looks at the registry (5 s apart after a restart): nothing more starts
        assertThat(builds()).as("one build per event, none repeated").containsExactly(1, 2, 3);
        assertThat(all).extracting(RegistryTriggerJenkinsTest::printedEvent).containsExactly(
                "3 " + MODEL + " 1.0.1 stage:shadow", "4 " + MODEL + " 1.0.0 stage:shadow", "6 " + MODEL + " 1.0.2 stage:shadow");
    }

    @Test
    public void theFormChecksAnswerOnlyByPostAndNameTheBadEvent() {
        String check = "descriptorByName/io.jenkins.plugins.mlops.trigger.RegistryTrigger/checkEvent";
        JenkinsClient.Response bad = JENKINS.client().postForm("job/" + JOB + "/" + check, Map.of("value", "deployed"));
        if (bad.status() == 404) { // the job of the other scenario is not there when this one runs first
            JENKINS.client().createPipelineJob(JOB, "echo 'no trigger yet'");
            bad = JENKINS.client().postForm("job/" + JOB + "/" + check, Map.of("value", "deployed"));
        }
        assertThat(bad.expect(200).body()).contains("&#039;deployed&#039; is not an event").contains("stage:NAME");
        assertThat(JENKINS.client().postForm("job/" + JOB + "/" + check, Map.of("value", "monitor:drift")).expect(200).body())
                .doesNotContain("error");
        // Stapler's @POST does not dispatch a GET to the method: 404 (405 from older Jenkins); no check runs
        assertThat(JENKINS.client().get("job/" + JOB + "/" + check + "?value=deployed").status()).as("GET is refused").isIn(404, 405);
    }

    @Test
    public void aFreestyleJobShowsTheTriggerInItsFormAndKeepsItsFields() {
        String xml = JobXml.freestyle(MlAgent.LABEL, "").replace("  <builders>", "  <triggers>\n"
                + "    <io.jenkins.plugins.mlops.trigger.RegistryTrigger><spec></spec><model>" + MODEL + "</model>"
                + "<event>monitor:DRIFT</event></io.jenkins.plugins.mlops.trigger.RegistryTrigger>\n  </triggers>\n  <builders>");
        JENKINS.client().createOrUpdateJob("trigger-freestyle", xml);

        String form = JENKINS.client().get("job/trigger-freestyle/configure").expect(200).body();
        assertThat(form).contains("Build when the model registry logs an event (mlRegistry)")
                .contains("value=\"" + MODEL + "\"").contains("value=\"monitor:DRIFT\"");
        assertThat(JENKINS.client().get("job/trigger-freestyle/config.xml").expect(200).body())
                .contains("<model>" + MODEL + "</model>").contains("<event>monitor:DRIFT</event>");
    }
}
