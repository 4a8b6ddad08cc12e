package io.jenkins.plugins.mlops;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunRecordReader;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import java.io.File;
import java.util.Arrays;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** mlTrack in a Pipeline, on an agent, against a real Jenkins. */
public class TrackPipelineITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static final String TRAIN = "writeFile file: 'out/train.json', text: '{\"loss\": [0.9, 0.5]}'\n"
            + "writeFile file: 'data/train.csv', text: 'a,b,label\\n1,2,0\\n3,4,1\\n'\n";

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
    public void twoCallsInOneBuildRecordOneRunWithAppendedMetricsAndBothParams() throws Exception {
        WorkflowJob p = pipeline("train", TRAIN
                + "mlTrack experiment: 'breast-cancer', params: 'C=1.0', metrics: 'out/train.json', datasets: 'train=data/train.csv'\n"
                + "writeFile file: 'out/eval.json', text: '{\"loss\": [0.3], \"accuracy\": 0.96}'\n"
                + "mlTrack params: 'C=1.0, max_iter=200', metrics: 'out/eval.json', tags: 'stage=eval'\n");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("mlTrack: recorded run train#1 (experiment breast-cancer)", b);
        j.assertLogContains("mlTrack: call 2 in this build added to run train#1", b);
        MlopsRunAction action = b.getAction(MlopsRunAction.class);
        assertNotNull(action);
        assertEquals(2, action.getCalls());
        RunRecord run = action.getRecord();
        assertEquals("breast-cancer", run.experiment());
        assertThat(run.params(), hasEntry("C", "1.0"));
        assertThat(run.params(), hasEntry("max_iter", "200"));
        MetricSeries loss = run.metrics().get("loss");
        assertEquals("[0.9, 0.5, 0.3]", Arrays.toString(loss.values()));
        assertEquals(Double.valueOf(0.96), run.metrics().get("accuracy").last());
        assertThat(run.datasets(), hasSize(1));
        assertEquals(Long.valueOf(2), run.datasets().get(0).rows());
        assertEquals("jenkins", run.ci().system());
        assertEquals(Integer.valueOf(1), run.ci().build());
        // the record is its own file in the build directory, and survives a reload of the build
        File stored = new File(b.getRootDir(), "mlops/run.json");
        assertEquals(run, RunRecordReader.read(stored.toPath()));
        b.reload();
        assertEquals(run, b.getAction(MlopsRunAction.class).getRecord());
    }

    @Test
    public void aParamGivenAnotherValueFailsTheBuildWithTheMessageAndKeepsTheFirstRun() throws Exception {
        WorkflowJob p = pipeline("conflict", TRAIN
                + "mlTrack experiment: 'bc', params: 'C=1.0', metrics: 'out/train.json'\n"
                + "mlTrack params: 'C=2.0'\n");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("param 'C'", b);
        j.assertLogContains("write-once", b);
        j.assertLogNotContains("at io.jenkins.plugins.mlops", b);
        assertEquals("1.0", b.getAction(MlopsRunAction.class).getRecord().params().get("C"));
    }

    @Test
    public void aPathOutOfTheWorkspaceFailsTheBuildNamingIt() throws Exception {
        WorkflowJob p = pipeline("escape", "mlTrack metrics: '../../secrets.json'\n");
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("../../secrets.json", b);
        j.assertLogNotContains("\tat ", b);
    }

    @Test
    public void buildAndJobPagesShowTheRunsEscaped() throws Exception {
        WorkflowJob p = pipeline("pages", TRAIN
                + "mlTrack experiment: 'bc', name: '<img src=x onerror=alert(1)>', metrics: 'out/train.json'\n");
        WorkflowRun first = j.buildAndAssertSuccess(p);
        j.buildAndAssertSuccess(p);

        JenkinsRule.WebClient wc = j.createWebClient();
        HtmlPage build = wc.getPage(first, "mlops");
        assertThat(build.asNormalizedText(), containsString("<img src=x onerror=alert(1)>"));
        assertTrue(build.querySelectorAll(".mlops-compare img").isEmpty());
        assertThat(build.asNormalizedText(), containsString("loss"));

        HtmlPage summary = wc.getPage(first);
        assertThat(summary.asNormalizedText(), containsString("loss = 0.5"));

        HtmlPage job = wc.getPage(p, "mlops");
        assertThat(job.querySelectorAll("#mlops-compare-table tbody tr"), hasSize(2));
        assertThat(job.asNormalizedText(), not(containsString("No build of this job")));
        assertThat(job.getTitleText(), containsString("ML runs of pages"));
    }
}
