package io.jenkins.plugins.mlops;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import hudson.model.Computer;
import hudson.model.FreeStyleProject;
import hudson.model.Item;
import hudson.model.Label;
import hudson.model.Result;
import hudson.model.User;
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.VersionRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import io.jenkins.plugins.mlops.steps.PublishStep;
import java.io.File;
import jenkins.model.Jenkins;
import jenkins.security.QueueItemAuthenticatorConfiguration;
import org.htmlunit.html.HtmlPage;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.MockQueueItemAuthenticator;

/**
 * mlPublish against a real Jenkins: a Pipeline on an agent tracks, blesses and publishes a model
 * into the configured registry (read back with core), moves it to staging, shows it on the
 * Model registry page; a protected stage is refused without MLOps/Promote before anything is
 * published; the freestyle form round-trips every field.
 */
public class PublishPipelineITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private File registryDir;

    private static final String TRAIN = "writeFile file: 'gates.yaml', text: 'name: release\\ngates:\\n"
            + "  - {metric: accuracy, higherIsBetter: true, threshold: 0.7}\\n'\n"
            + "writeFile file: 'data.csv', text: 'a,b,label\\n1,2,0\\n3,4,1\\n'\n"
            + "writeFile file: 'out/metrics.json', text: '{\"accuracy\": 0.9}'\n"
            + "writeFile file: 'out/model/model.pkl', text: 'weights'\n"
            + "writeFile file: 'out/model/meta.json', text: '{}'\n"
            + "mlTrack experiment: 'churn', params: 'C=1.0', metrics: 'out/metrics.json', datasets: 'train=data.csv'\n"
            + "mlBless gates: 'gates.yaml', candidate: 'out/metrics.json'\n";

    @Before
    public void agentAndRegistry() throws Exception {
        j.createOnlineSlave(Label.get("ml"));
        registryDir = tmp.newFolder("registry");
        MlopsGlobalConfiguration.get().setRegistry(registryDir.getAbsolutePath());
        MlopsGlobalConfiguration.get().setProtectedStages("production");
    }

    private WorkflowJob job(String name, String publish) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("node('ml') {\n" + TRAIN + publish + "\necho 'after publish'\n}\n", true));
        return p;
    }

    @Test
    public void aPipelinePublishesWithLineageMovesToStagingAndShowsItOnTheRegistryPage() throws Exception {
        WorkflowJob p = job("train", "mlPublish model: 'churn', path: 'out/model', stage: 'staging'");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("mlPublish: published churn 1.0.0", b);
        j.assertLogContains("model registry page", b);
        j.assertLogNotContains("\tat ", b);
        StageResult publish = b.getAction(MlopsRunAction.class).getRecord().stages().get("publish");
        assertTrue(publish.passed());
        StageResult stageChange = b.getAction(MlopsRunAction.class).getRecord().stages().get("stageChange");
        assertEquals("ASSIGNED", stageChange.verdict());
        try (Registry registry = Registry.openLocal(registryDir.toPath())) {
            VersionRecord v = registry.show("churn", "1.0.0");
            assertEquals("train#1", v.lineage().sourceRun());
            assertEquals("BLESSED", v.lineage().verdictOf("blessing"));
            assertEquals(1, v.lineage().datasets().size());
            assertEquals(2, v.files().size());
            assertEquals("1.0.0", registry.stages("churn").current("staging").orElseThrow().toString());
        }
        assertFalse("the staging copy is removed", new File(b.getRootDir(), "mlops/publish-staging").exists());

        HtmlPage page = j.createWebClient().goTo("mlops-registry/model/churn/");
        assertThat(page.asNormalizedText(), containsString("1.0.0"));
        assertThat(page.asNormalizedText(), containsString("staging"));
        assertTrue(page.getWebResponse().getContentAsString().contains("<svg"));
        assertEquals(404, j.createWebClient().withThrowExceptionOnFailingStatusCode(false)
                .goTo("mlops-registry/model/no-such-model/").getWebResponse().getStatusCode());
    }

    @Test
    public void aProtectedStageIsRefusedWithoutPromoteBeforeAnythingIsPublished() throws Exception {
        WorkflowJob p = job("guarded", "mlPublish model: 'churn', path: 'out/model', stage: 'production'");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD).everywhere().to("bob")
                .grant(Jenkins.READ, Item.READ, Item.BUILD, Computer.BUILD, MlopsPermissions.PROMOTE).everywhere().to("carol"));
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate("guarded", User.getById("bob", true).impersonate2()));

        WorkflowRun refused = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("stage 'production' is protected", refused);
        j.assertLogContains("MLOps/Promote", refused);
        j.assertLogNotContains("after publish", refused);
        assertFalse(refused.getAction(MlopsRunAction.class).getRecord().stages().containsKey("publish"));
        try (Registry registry = Registry.openLocal(registryDir.toPath())) {
            assertTrue(registry.models().isEmpty());
        }

        QueueItemAuthenticatorConfiguration.get().getAuthenticators().clear();
        QueueItemAuthenticatorConfiguration.get().getAuthenticators()
                .add(new MockQueueItemAuthenticator().authenticate("guarded", User.getById("carol", true).impersonate2()));
        // carol holds Promote: Jenkins lets her through; core's production policy (infra blessing, an approval) still refuses
        WorkflowRun promoted = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogNotContains("stage 'production' is protected", promoted);
        j.assertLogContains("mlPublish: published churn 1.0.0", promoted);
        StageResult change = promoted.getAction(MlopsRunAction.class).getRecord().stages().get("stageChange");
        assertEquals("REFUSED", change.verdict());
        assertThat(change.summary(), not(containsString("lacks the permission")));
    }

    @Test
    public void unstableLetsTheBuildGoOnWhenTheStagePolicyRefuses() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "unblessed");
        p.setDefinition(new CpsFlowDefinition("node('ml') {\n"
                + "writeFile file: 'out/model/model.pkl', text: 'weights'\n"
                + "mlPublish model: 'churn', path: 'out/model', stage: 'staging', buildResult: 'UNSTABLE'\n"
                + "echo 'after publish'\n}\n", true));

        WorkflowRun b = j.buildAndAssertStatus(Result.UNSTABLE, p);

        j.assertLogContains("after publish", b);
        j.assertLogContains("not moved to staging", b);
    }

    @Test
    public void aPathOutOfTheWorkspaceFailsTheBuildNamingIt() throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "escape");
        p.setDefinition(new CpsFlowDefinition("node('ml') {\nmlPublish model: 'churn', path: '../../secrets'\n}\n", true));

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("mlPublish: ", b);
        j.assertLogContains("../../secrets", b);
        j.assertLogNotContains("\tat ", b);
    }

    @Test
    public void theFreestyleFormRoundTripsEveryField() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        PublishStep step = new PublishStep("churn", "out/model");
        step.setStage("staging");
        step.setVersion("2.0.0");
        step.setParent("1.0.0");
        step.setLabel("churned within 30 days");
        step.setMessage("retrained on November data");
        step.setBuildResult("UNSTABLE");
        p.getBuildersList().add(step);

        j.configRoundtrip(p);

        j.assertEqualDataBoundBeans(step, p.getBuildersList().get(PublishStep.class));
    }

    @Test
    public void theRegistryPageNeedsOverallRead() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy().grant(Jenkins.READ).everywhere().to("reader"));

        JenkinsRule.WebClient anonymous = j.createWebClient().withThrowExceptionOnFailingStatusCode(false);
        assertEquals(403, anonymous.goTo("mlops-registry/").getWebResponse().getStatusCode());
        HtmlPage page = j.createWebClient().login("reader").goTo("mlops-registry/");
        assertThat(page.asNormalizedText(), containsString("Model registry"));
    }
}
