package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;
import org.openqa.selenium.By;

/** The harness itself: the agent, the Git remote and the browser work as later scenarios rely on. */
public class HarnessJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    @Test
    public void aPipelineStepRunsOnTheCommandLaunchedAgentLabelledMl() {
        MlAgent agent = JENKINS.get().agent();
        JENKINS.client().createPipelineJob("harness-agent", "node('ml') { sh 'echo \"agent says $NODE_NAME\"; pwd' }");

        Build build = JENKINS.client().build("harness-agent");

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("Running on " + MlAgent.NAME).contains("agent says " + MlAgent.NAME)
                .contains(agent.workspace("harness-agent").toString());
    }

    @Test
    public void aPipelineFromTheGitRemoteChecksOutWhatWasPushed() {
        JENKINS.get().agent();
        GitRemote remote = JENKINS.get().gitRemote();
        remote.commit(Map.of("harness/Jenkinsfile", "node('ml') { checkout scm; sh 'cat harness/note.txt' }",
                "harness/note.txt", "pushed by the harness test\n"), "harness: a Jenkinsfile and a note");
        JENKINS.client().createOrUpdateJob("harness-scm", JobXml.pipelineFromGit(remote.url(), "*/main", "harness/Jenkinsfile", Map.of()));

        Build build = JENKINS.client().build("harness-scm");

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("pushed by the harness test").contains(remote.url());
    }

    @Test
    public void anonymousUsersSeeNothingAndTheAdminLogsInThroughTheLoginForm() {
        JenkinsClient.Response anonymous = JENKINS.client().as("nobody", "wrong").get("api/json");
        assertThat(anonymous.status()).isEqualTo(401);

        try (JenkinsBrowser browser = new JenkinsBrowser(JENKINS.get())) {
            browser.loginAsAdmin().open("manage/");
            assertThat(browser.find(By.tagName("h1")).getText()).contains("Manage Jenkins");
            assertThat(browser.screenshot("harness-manage-jenkins")).exists();
        }
    }
}
