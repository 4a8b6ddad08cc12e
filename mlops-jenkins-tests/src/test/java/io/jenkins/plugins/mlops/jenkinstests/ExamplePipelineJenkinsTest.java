package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;

/**
 * Scenario 1: the example project's Jenkinsfile, from the Git remote, on the agent labelled ml
 * (every step crosses remoting): a good model goes through all seven stages to production; the
 * regressed model is stopped by mlBless; a failed model test with buildResult 'UNSTABLE' ends UNSTABLE.
 */
public class ExamplePipelineJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();
    @Rule
    public final TestRule hostState = DeploymentHost.aroundEachScenario(ExampleProject::hostIfStarted);

    private static ExampleProject project;

    @BeforeClass
    public static void project() {
        project = ExampleProject.get(JENKINS.get());
    }

    @Test
    public void aGoodModelGoesThroughAllSevenStagesToProductionByACanaryRollout() {
        Build build = project.good();

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.pluginStackFrames()).as("no step failed by an exception").isEmpty();
        String console = build.console();
        assertThat(console).contains("Running on " + MlAgent.NAME).contains(JENKINS.get().gitRemote().url());
        for (String stage : new String[] {"Train", "Track", "Validate data", "Notebook", "Validate model", "Infra validation", "Bless",
                "Publish", "Promote"}) {
            assertThat(console).as("stage " + stage).contains("(" + stage + ")");
        }
        assertThat(console).contains("mlPublish: published " + ExampleProject.MODEL + " " + ExampleProject.CANARY_VERSION)
                .contains("PROMOTED");
        // production's default policy asks for an approval: the rollout paused for it with all traffic on the
        // candidate, and the release person's input, then approve: true, gave it
        assertThat(console).contains("the registry refused to move stage 'production'")
                .contains("requires 1 approval(s)").contains("Approved by admin")
                .contains(ExampleProject.MODEL + " " + ExampleProject.CANARY_VERSION + " assigned to production");
        assertThat(project.host().servedVersion()).as("nginx serves the promoted version").isEqualTo(ExampleProject.CANARY_VERSION);
        assertThat(JENKINS.client().script(String.join("\n",
                "def r = io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration.get().openRegistry()",
                "try { println r.stages('" + ExampleProject.MODEL + "').current('production').get() } finally { r.close() }")))
                .as("the registry's production stage").contains(ExampleProject.CANARY_VERSION);
    }

    @Test
    public void theRegressedModelIsStoppedByMlBlessAndNeverPublished() {
        Build build = project.regressed();

        assertThat(build.result()).as(build.console()).isEqualTo("FAILURE");
        assertThat(build.pluginStackFrames()).as("a verdict, not an exception").isEmpty();
        assertThat(build.console()).contains("mlBless").contains("NOT_BLESSED").doesNotContain("mlPublish: published");
        assertThat(build.console().indexOf("(Publish)")).as("Publish is skipped after the failed Bless")
                .isGreaterThan(build.console().indexOf("NOT_BLESSED"));
    }

    @Test
    public void aFailedModelTestWithBuildResultUnstableEndsTheBuildUnstable() {
        JENKINS.get().agent();
        String remote = JENKINS.get().gitRemote().url();
        JENKINS.client().createPipelineJob("model-tests-unstable", String.join("\n",
                "node('ml') {",
                "  git url: '" + remote + "', branch: 'main'",
                "  dir('examples/breast-cancer') {",
                "    sh '/usr/bin/python3 train.py --alpha 0.1 --epochs 3 --label-noise 0.1 --out out'",
                "    writeFile file: 'strict-tests.yaml', text: '''name: strict",
                "task: classification",
                "positiveLabel: '1'",
                "thresholds:",
                "- metric: accuracy",
                "  min: 0.999",
                "'''",
                "    mlValidate modelTests: 'strict-tests.yaml', predictions: 'out/predictions.csv', buildResult: 'UNSTABLE'",
                "    echo 'the build went on after the failed model test'",
                "  }",
                "}"));

        Build build = JENKINS.client().build("model-tests-unstable");

        assertThat(build.result()).as(build.console()).isEqualTo("UNSTABLE");
        assertThat(build.pluginStackFrames()).as("a verdict, not an exception").isEmpty();
        assertThat(build.console()).contains("accuracy").contains("the build went on after the failed model test");
    }
}
