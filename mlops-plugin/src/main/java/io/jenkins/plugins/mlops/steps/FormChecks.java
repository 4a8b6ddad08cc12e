package io.jenkins.plugins.mlops.steps;

import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.registry.Names;
import java.util.List;

/**
 * What the steps' form checks compute, written once. Each web method keeps its own {@code @POST}
 * and passes through {@link io.jenkins.plugins.mlops.FormPermission} before it calls here.
 */
final class FormChecks {
    private FormChecks() {
    }

    /** Error naming the first path that leaves the workspace, else OK. */
    static FormValidation insideWorkspace(List<String> paths) {
        String outside = StepArguments.firstPathOutsideWorkspace(paths);
        return outside == null ? FormValidation.ok()
                : FormValidation.error(MlopsMessages.Arguments_NotInsideWorkspace.text(outside));
    }

    /** The same for a comma- or newline-separated field. */
    static FormValidation insideWorkspace(String value) {
        return insideWorkspace(StepArguments.list(value));
    }

    /** OK when {@code rule} accepts, else the error with its message: a form shows what the step would say. */
    static FormValidation valid(Runnable rule) {
        try {
            rule.run();
            return FormValidation.ok();
        } catch (BadInputException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /** OK when {@code value} is a build result a stage step accepts (FAILURE, UNSTABLE or empty). */
    static FormValidation buildResult(String value) {
        return valid(() -> StageRecording.buildResult(value));
    }

    /** OK when {@code value} is a model name core accepts. */
    static FormValidation modelName(String value) {
        return valid(() -> Names.model(StepArguments.fixEmpty(value)));
    }

    /** OK when {@code value} is empty or a stage name core accepts. */
    static FormValidation stageName(String value) {
        String v = StepArguments.fixEmpty(value);
        return v == null ? FormValidation.ok() : valid(() -> Names.stage(v));
    }

    /** Error when a required path is empty, or leaves the workspace. */
    static FormValidation requiredInsideWorkspace(String value) {
        if (StepArguments.fixEmpty(value) == null) {
            return FormValidation.error(MlopsMessages.PromoteStep_NoPlan.text());
        }
        return insideWorkspace(value);
    }

    /** OK when {@code value} is empty (the default) or a whole number of seconds mlPromote accepts. */
    static FormValidation pollSeconds(String value) {
        String v = StepArguments.fixEmpty(value);
        if (v == null) {
            return FormValidation.ok();
        }
        try {
            int seconds = Integer.parseInt(v);
            if (seconds >= 1 && seconds <= PromoteArguments.MAX_POLL_SECONDS) {
                return FormValidation.ok();
            }
        } catch (NumberFormatException notANumber) {
            // told below
        }
        return FormValidation.error(MlopsMessages.PromoteStep_PollSeconds.text(v, PromoteArguments.MAX_POLL_SECONDS));
    }
}
