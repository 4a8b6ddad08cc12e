package io.jenkins.plugins.mlops.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.monitor.Monitor;
import io.jenkins.plugins.mlops.core.monitor.MonitorRequest;
import io.jenkins.plugins.mlops.core.monitor.MonitorResult;
import io.jenkins.plugins.mlops.core.monitor.MonitorTarget;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.stage.Stage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * One {@code mlMonitor} call: the version and its lineage read from the registry on the controller,
 * the check made on the agent ({@link MonitorOnAgent}), the stage stored in the build's run, the
 * verdict kept on the version in the registry, and the verdict returned to the Pipeline.
 */
final class MonitorExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final transient MonitorStep step;

    MonitorExecution(StepContext context, MonitorStep step) {
        super(context);
        this.step = step;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        StepContext context = getContext();
        MonitorResult result = check(step, context.get(Run.class), context.get(FilePath.class), context.get(TaskListener.class));
        Map<String, Object> verdict = new LinkedHashMap<>();
        verdict.put("verdict", result.verdict());
        verdict.put("passed", result.passed());
        verdict.put("summary", result.summary());
        verdict.put("model", result.model());
        verdict.put("version", result.version());
        verdict.put("rows", result.window().rows());
        return verdict;
    }

    /** One check, for the Pipeline step and the freestyle builder alike: the build result is left to the caller. */
    static MonitorResult check(MonitorStep step, Run<?, ?> run, FilePath workspace, TaskListener listener)
            throws java.io.IOException, InterruptedException {
        MonitorRequest request;
        MonitorTarget target;
        try (Registry registry = MlopsGlobalConfiguration.get().openRegistry()) {
            request = step.request();
            target = MonitorTarget.of(registry, step.getModel(), step.getVersion(), step.getStage(), step.getTrainingDataset());
        } catch (MlopsException e) {
            throw new AbortException(MlopsMessages.Step_Failed.text(MonitorStep.SYMBOL, e.getMessage()));
        }
        StageAnswer answer = StageRecording.visit(run, workspace, new MonitorOnAgent(request, target, Instant.now()));
        if (answer.failed()) {
            throw new AbortException(MlopsMessages.Step_Failed.text(MonitorStep.SYMBOL, answer.problem()));
        }
        MonitorResult result = Json.mapper().readValue(answer.results().get(Stage.MONITORING.id()), MonitorResult.class);
        try (Registry registry = MlopsGlobalConfiguration.get().openRegistry()) {
            registry.recordMonitoring(target.model(), result.version(), Monitor.record(result,
                    new Actor(PublishStep.ACTOR, run.getParent().getFullName(), run.getNumber())));
        } catch (MlopsException e) {
            throw new AbortException(MlopsMessages.Step_Failed.text(MonitorStep.SYMBOL, e.getMessage()));
        }
        listener.getLogger().println(MlopsMessages.MonitorStep_Kept.text(result.verdict(), target.model(), result.version()));
        StageRecording.record(run, MonitorStep.SYMBOL, answer, StageRecording.RETURNED, listener);
        return result;
    }
}
