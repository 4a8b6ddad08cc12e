package io.jenkins.plugins.mlops;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import io.jenkins.plugins.mlops.steps.InfraValidateStep;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

/** mlInfraValidate in a Pipeline on an agent (a real bubblewrap sandbox), against a real Jenkins. */
public class InfraValidatePipelineITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Before
    public void agent() throws Exception {
        j.createOnlineSlave(Label.get("ml"));
    }

    private WorkflowJob job(String name, String command, String readiness) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, name);
        p.setDefinition(new CpsFlowDefinition("node('ml') {\n"
                + "writeFile file: 'out/model/model.txt', text: 'weights'\n"
                + "writeFile file: 'infra/spec.yaml', text: '''command: " + command + "\n"
                + "sandbox: {backend: bubblewrap, memoryMb: 256, cpus: 1}\n" + readiness + "'''\n"
                + "mlInfraValidate spec: 'infra/spec.yaml', modelDir: 'out/model'\n"
                + "echo 'deployed'\n}\n", true));
        return p;
    }

    @Test
    public void aServerThatGetsReadyIsInfraBlessedAndStored() throws Exception {
        WorkflowJob p = job("ready", "[/usr/bin/python3, -m, http.server, '${PORT}', --directory, /model]",
                "readiness: {path: /model.txt, maxLoadSeconds: 60, pollIntervalMs: 100}");

        WorkflowRun b = j.buildAndAssertSuccess(p);

        j.assertLogContains("mlInfraValidate: infraValidation INFRA_BLESSED", b);
        StageResult stage = b.getAction(MlopsRunAction.class).getRecord().stages().get("infraValidation");
        assertTrue(stage.passed());
        assertTrue(new File(b.getRootDir(), "mlops/infra-validation/junit.xml").isFile());
    }

    @Test
    public void aServerThatNeverGetsReadyIsNotBlessedAndStopsThePipeline() throws Exception {
        WorkflowJob p = job("never", "[/usr/bin/python3, -c, 'import time; time.sleep(60)']",
                "readiness: {path: /healthz, maxLoadSeconds: 3, pollIntervalMs: 100}");

        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);

        j.assertLogContains("INFRA_NOT_BLESSED", b);
        j.assertLogNotContains("deployed", b);
        assertFalse(b.getAction(MlopsRunAction.class).getRecord().stages().get("infraValidation").passed());
    }

    @Test
    public void abortingTheBuildTearsTheSandboxDownOnTheAgent() throws Exception {
        String marker = "mlops-itest-" + UUID.randomUUID();
        WorkflowJob p = job("abort", "[/usr/bin/python3, -c, 'import time; time.sleep(300)', " + marker + "]",
                "readiness: {path: /healthz, maxLoadSeconds: 300, pollIntervalMs: 100}");

        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        long deadline = System.currentTimeMillis() + 60_000;
        while (!running(marker) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertTrue("the server was started in its sandbox", running(marker));
        b.doStop();
        j.waitForCompletion(b);

        j.assertBuildStatus(Result.ABORTED, b);
        assertFalse("a process of the sandbox is left", running(marker));
        assertEquals(null, b.getAction(MlopsRunAction.class));
    }

    @Test
    public void freestyleConfigurationRoundTripsEveryField() throws Exception {
        FreeStyleProject p = j.createFreeStyleProject("fs");
        InfraValidateStep step = new InfraValidateStep("infra/spec.yaml");
        step.setModelDir("out/model");
        step.setBuildResult("UNSTABLE");
        p.getBuildersList().add(step);
        j.configRoundtrip(p);
        j.assertEqualDataBoundBeans(step, p.getBuildersList().get(InfraValidateStep.class));
    }

    private static boolean running(String marker) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().matches("\\d+")).anyMatch(p -> {
                try {
                    return new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).contains(marker);
                } catch (IOException gone) {
                    return false;
                }
            });
        }
    }
}
