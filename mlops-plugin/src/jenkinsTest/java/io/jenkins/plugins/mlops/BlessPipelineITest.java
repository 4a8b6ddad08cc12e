package io.jenkins.plugins.mlops;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import io.jenkins.plugins.mlops.steps.BlessStep;
import java.io.File;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** mlBless in a Pipeline on an agent, with earlier builds' runs as baselines, against a real Jenkins. */
public class BlessPipelineITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static final String GATES = "writeFile file: 'gates.yaml', text: 'name: release\\ngates:\\n"
            + "  - {metric: accuracy, higherIsBetter: true, threshold: 0.7, minAbsoluteChange: 0.0}\\n'\n";

    @Before
    public void agent() throws Exception {
        j.createOnlineSlave(Label.get("ml"));
    }

    /** A job whose build N logs accuracy {@code accuracies[N-1]} and blesses it against {@code baseline}. */
    private WorkflowJob job(String name, String baseline, String buildResult, String... accuracies) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("def acc = [" + String.join(", ", accuracies) + "][currentBuild.number - 1]\n"
                + "node('ml') {\n" + GATES
                + "writeFile file: 'out/metrics.json', text: \"{\\\"accuracy\\\": ${acc}}\"\n"
                + "mlTrack experiment: 'bc', metrics: 'out/metrics.json'\n"
                + "mlBless gates: 'gates.yaml', candidate: 'out/metrics.json', baseline: '" + baseline + "'"
                + (buildResult == null ? "" : ", buildResult: '" + buildResult + "'") + "\n"
                + "echo 'published'\n}\n", true));
        return p;
    }

    private static StageResult blessing(WorkflowRun b) {
        return b.getAction(MlopsRunAction.class).getRecord().stages().get("blessing");
    }

    @Test
    public void aWorseModelThanTheLatestBlessedIsNotBlessedAndStopsThePipeline() throws Exception {
        WorkflowJob p = job("latest", "latest-blessed", null, "0.80", "0.75", "0.82");

        WorkflowRun first = j.buildAndAssertSuccess(p);
        WorkflowRun second = j.buildAndAssertStatus(Result.FAILURE, p);
        WorkflowRun third = j.buildAndAssertSuccess(p);

        assertTrue(blessing(first).passed());
        j.assertLogContains("mlBless: blessing BLESSED", first);
        assertThat(blessing(first).details().path("notes").toString(), containsString("No baseline"));
        j.assertLogContains("mlBless: blessing NOT_BLESSED", second);
        j.assertLogNotContains("published", second);
        j.assertLogNotContains("\tat ", second);
        assertFalse(blessing(second).passed());
        assertThat(blessing(second).details().path("baseline").asText(), containsString("latest#1"));
        // the third is compared with the first (the second was not blessed)
        assertThat(blessing(third).details().path("baseline").asText(), containsString("latest#1"));
        assertTrue(new File(second.getRootDir(), "mlops/blessing/blessing-junit.xml").isFile());
        HtmlPage page = j.createWebClient().getPage(second, "mlops");
        assertThat(page.asNormalizedText(), containsString("NOT_BLESSED"));
    }

    @Test
    public void thePreviousSuccessfulBuildIsTheBaselineAndUnstableLetsTheBuildGoOn() throws Exception {
        WorkflowJob p = job("previous", "previous-successful", "UNSTABLE", "0.80", "0.75");

        j.buildAndAssertSuccess(p);
        WorkflowRun second = j.buildAndAssertStatus(Result.UNSTABLE, p);

        j.assertLogContains("build marked UNSTABLE", second);
        j.assertLogContains("published", second);
        assertThat(blessing(second).details().path("baseline").asText(), containsString("previous#1"));
        assertEquals(-0.05, blessing(second).details().path("gates").get(0).path("delta").asDouble(), 1e-12);
    }

    @Test
    public void aMissingGatesFileFailsTheBuildNamingIt() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "bad");
        p.setDefinition(new CpsFlowDefinition("node('ml') {\nwriteFile file: 'm.json', text: '{\"accuracy\": 0.8}'\n"
                + "mlBless gates: 'nope.yaml', candidate: 'm.json'\n}\n", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("nope.yaml", b);
        j.assertLogNotContains("\tat ", b);
    }

    @Test
    public void freestyleConfigurationRoundTripsEveryField() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fs");
        BlessStep step = new BlessStep("gates.yaml", "out/predictions.csv");
        step.setBaseline("latest-blessed");
        step.setBuildResult("UNSTABLE");
        p.getBuildersList().add(step);
        j.configRoundtrip(p);
        j.assertEqualDataBoundBeans(step, p.getBuildersList().get(BlessStep.class));
    }
}
