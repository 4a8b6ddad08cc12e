package io.jenkins.plugins.mlops;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.BuildListener;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Label;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import io.jenkins.plugins.mlops.steps.TrackStep;
import java.net.URL;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.TestBuilder;

/** mlTrack as a freestyle build step: its form, a build on an agent, and its form checks' security. */
public class TrackFreestyleITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    private static TrackStep fullyConfigured() {
        TrackStep step = new TrackStep();
        step.setExperiment("breast-cancer");
        step.setName("lr");
        step.setParams("C=1.0, max_iter=200");
        step.setParamsFiles("conf/train.yaml");
        step.setMetrics("out/metrics.json");
        step.setTags("team=ml");
        step.setNotes("first try");
        step.setDatasets("train=data/train.csv");
        step.setArtifacts("out/model.pkl");
        return step;
    }

    @Test
    public void theConfigurationFormRoundTripsEveryField() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        TrackStep step = fullyConfigured();
        p.getBuildersList().add(step);

        j.configRoundtrip(p);

        j.assertEqualDataBoundBeans(step, p.getBuildersList().get(TrackStep.class));
    }

    @Test
    public void anEmptyStepRoundTripsToAnEmptyStep() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildersList().add(new TrackStep());
        j.configRoundtrip(p);
        j.assertEqualDataBoundBeans(new TrackStep(), p.getBuildersList().get(TrackStep.class));
    }

    @Test
    public void aFreestyleBuildOnAnAgentRecordsTheRun() throws Exception {
        j.createOnlineSlave(Label.get("ml"));
        FreeStyleProject p = j.createFreeStyleProject("fs");
        p.setAssignedLabel(Label.get("ml"));
        p.getBuildersList().add(new TestBuilder() {
            @Override
            public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) throws java.io.IOException, InterruptedException {
                build.getWorkspace().child("out/metrics.json").write("{\"accuracy\": 0.97}", "UTF-8");
                return true;
            }
        });
        TrackStep step = new TrackStep();
        step.setExperiment("bc");
        step.setMetrics("out/metrics.json");
        p.getBuildersList().add(step);

        FreeStyleBuild b = j.buildAndAssertSuccess(p);

        MlopsRunAction action = b.getAction(MlopsRunAction.class);
        assertNotNull(action);
        assertEquals(Double.valueOf(0.97), action.getRecord().metrics().get("accuracy").last());
        j.assertLogContains("mlTrack: recorded run fs#1 (experiment bc)", b);
    }

    @Test
    public void formChecksAnswerPostOnlyAndOnlyToUsersWhoMayConfigure() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("guarded");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ).everywhere().to("reader")
                .grant(Jenkins.READ, Item.READ, Item.CONFIGURE).everywhere().to("admin"));
        URL check = new URL(j.getURL(), p.getUrl() + "descriptorByName/" + TrackStep.class.getName()
                + "/checkMetrics?value=../secret.json");

        JenkinsRule.WebClient reader = j.createWebClient().login("reader");
        WebRequest post = new WebRequest(check, HttpMethod.POST);
        reader.addCrumb(post);
        assertEquals(403, status(reader, post));

        JenkinsRule.WebClient admin = j.createWebClient().login("admin");
        assertEquals(405, status(admin, new WebRequest(check, HttpMethod.GET)));
        WebRequest adminPost = new WebRequest(check, HttpMethod.POST);
        admin.addCrumb(adminPost);
        String answer = admin.getPage(adminPost).getWebResponse().getContentAsString();
        org.hamcrest.MatcherAssert.assertThat(answer, org.hamcrest.Matchers.containsString("inside the workspace"));
    }

    private static int status(JenkinsRule.WebClient wc, WebRequest request) throws Exception {
        wc.setThrowExceptionOnFailingStatusCode(false);
        return wc.getPage(request).getWebResponse().getStatusCode();
    }

}
