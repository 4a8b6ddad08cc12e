package io.jenkins.plugins.mlops;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import io.jenkins.plugins.mlops.steps.ValidateStep;
import java.io.File;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** mlValidate in a Pipeline on an agent and in a freestyle form, against a real Jenkins. */
public class ValidatePipelineITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static final String FILES =
            "writeFile file: 'data/valid.csv', text: 'radius,label\\n12.5,1\\n20.1,0\\n11.0,1\\n25.3,0\\n'\n"
            + "writeFile file: 'data/train.csv', text: 'radius,label\\n12.0,1\\n21.0,0\\n10.5,1\\n24.0,0\\n'\n"
            + "writeFile file: 'schema.yaml', text: 'version: 1\\nfeatures:\\n"
            + "  - {name: radius, type: float, domain: {min: 0, max: 40}}\\n  - {name: label, type: int}\\n'\n"
            + "writeFile file: 'suite.yaml', text: 'name: bc\\ntask: classification\\npositiveLabel: \"1\"\\n"
            + "thresholds:\\n  - {metric: accuracy, min: 0.9}\\n'\n"
            + "writeFile file: 'out/predictions.csv', text: 'label,prediction\\n1,1\\n0,0\\n1,1\\n0,1\\n'\n";

    @Before
    public void agent() throws Exception {
        j.createOnlineSlave(Label.get("ml"));
    }

    private WorkflowJob pipeline(String name, String body) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("node('ml') {\n" + body + "}\n", true));
        return p;
    }

    @Test
    public void cleanDataPassesAndIsStoredWithReportsBeforeTrackingChoosesTheExperiment() throws Exception {
        WorkflowJob p = pipeline("data", FILES
                + "mlValidate data: 'data/valid.csv', schema: 'schema.yaml', reference: 'data/train.csv'\n"
                + "mlTrack experiment: 'bc'\n");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("mlValidate: dataValidation PASSED", b);
        RunRecord run = b.getAction(MlopsRunAction.class).getRecord();
        assertEquals("bc", run.experiment());
        StageResult stage = run.stages().get("dataValidation");
        assertTrue(stage.passed());
        assertEquals(2, stage.details().path("drift").size());
        for (String report : stage.reports()) {
            assertTrue(report, new File(b.getRootDir(), "mlops/" + report).isFile());
        }
        HtmlPage page = j.createWebClient().getPage(b, "mlops");
        assertThat(page.asNormalizedText(), containsString("radius"));
    }

    @Test
    public void aFailedModelTestMarksTheBuildUnstableWhenAskedAndShowsTheMeasuredValue() throws Exception {
        WorkflowJob p = pipeline("model", FILES
                + "mlValidate modelTests: 'suite.yaml', predictions: 'out/predictions.csv', buildResult: 'UNSTABLE'\n"
                + "echo 'after the tests'\n");

        WorkflowRun b = j.buildAndAssertStatus(Result.UNSTABLE, p);

        j.assertLogContains("mlValidate: modelTests FAILED", b);
        j.assertLogContains("build marked UNSTABLE", b);
        j.assertLogContains("after the tests", b);
        StageResult stage = b.getAction(MlopsRunAction.class).getRecord().stages().get("modelTests");
        assertFalse(stage.passed());
        assertEquals(0.75, stage.details().path("overall").path("values").path("accuracy").asDouble(), 0.0);
        assertTrue(new File(b.getRootDir(), "mlops/modelTests/model-tests-junit.xml").isFile());
    }

    @Test
    public void aFailedStageFailsTheBuildByDefaultAndStopsThePipeline() throws Exception {
        WorkflowJob p = pipeline("stop", FILES
                + "mlValidate data: 'data/valid.csv', schema: 'schema.yaml', modelTests: 'suite.yaml', predictions: 'out/predictions.csv'\n"
                + "echo 'published anyway'\n");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("modelTests did not pass", b);
        j.assertLogNotContains("published anyway", b);
        j.assertLogNotContains("\tat ", b);
        RunRecord run = b.getAction(MlopsRunAction.class).getRecord();
        assertTrue(run.stages().get("dataValidation").passed());
        assertFalse(run.stages().get("modelTests").passed());
    }

    @Test
    public void badInputFailsTheBuildWithTheMessageAndStoresNothing() throws Exception {
        WorkflowJob p = pipeline("bad", FILES
                + "mlValidate data: 'data/valid.csv', schema: 'schema.yaml', modelTests: '../../suite.yaml'\n");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("../../suite.yaml", b);
        j.assertLogNotContains("\tat ", b);
        assertNull(b.getAction(MlopsRunAction.class));
    }

    @Test
    public void freestyleConfigurationRoundTripsEveryField() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fs");
        ValidateStep step = new ValidateStep();
        step.setData("data/valid.csv");
        step.setSchema("schema.yaml");
        step.setReference("data/train.csv");
        step.setServing("data/serving.jsonl");
        step.setFailOn("WARNING");
        step.setModelTests("suite.yaml");
        step.setPredictions("out/predictions.csv");
        step.setEndpoint("http://127.0.0.1:8080/predict");
        step.setBuildResult("UNSTABLE");
        p.getBuildersList().add(step);

        j.configRoundtrip(p);

        j.assertEqualDataBoundBeans(step, p.getBuildersList().get(ValidateStep.class));
        HtmlPage config = j.createWebClient().getPage(p, "configure");
        assertThat(config.asNormalizedText(), not(containsString("nothing to validate")));
    }
}
