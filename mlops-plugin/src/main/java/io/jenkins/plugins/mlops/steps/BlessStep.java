package io.jenkins.plugins.mlops.steps;

import com.fasterxml.jackson.core.JsonProcessingException;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.FormPermission;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.gate.BlessingResult;
import io.jenkins.plugins.mlops.core.gate.RecordBaseline;
import io.jenkins.plugins.mlops.core.gate.RunBaseline;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code mlBless}: the core blessing (core.gate, docs/blessing.md; stage
 * {@link BlessingResult#STAGE}): absolute thresholds and change thresholds of a candidate
 * against a baseline, with paired bootstrap intervals when both have per-example predictions.
 * The baseline is a file in the workspace, the run of this job's previous successful build, or
 * of its latest blessed build (both read by core's {@link RecordBaseline}); none means only the
 * absolute thresholds apply. NOT_BLESSED fails the build or marks it UNSTABLE ({@code buildResult}).
 */
public class BlessStep extends StageStep {
    static final String SYMBOL = "mlBless";
    /** {@code baseline} value: the run of this job's previous successful build. */
    public static final String PREVIOUS_SUCCESSFUL = "previous-successful";
    /** {@code baseline} value: the run of this job's newest earlier build whose blessing passed. */
    public static final String LATEST_BLESSED = RunBaseline.LATEST_BLESSED;
    /** How many earlier builds are searched for the latest blessed run (as the job page's comparison). */
    static final int BUILDS_SEARCHED = 50;

    private final String gates;
    private final String candidate;
    private String baseline;

    @DataBoundConstructor
    public BlessStep(String gates, String candidate) {
        this.gates = StepArguments.fixEmpty(gates);
        this.candidate = StepArguments.fixEmpty(candidate);
    }

    public String getGates() {
        return gates;
    }

    public String getCandidate() {
        return candidate;
    }

    public String getBaseline() {
        return baseline;
    }

    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = StepArguments.fixEmpty(baseline);
    }

    /** Whether {@code baseline} names an earlier build's run rather than a file. */
    boolean baselineIsARun() {
        return PREVIOUS_SUCCESSFUL.equals(baseline) || LATEST_BLESSED.equals(baseline);
    }

    /**
     * The agent callable for this step: the baseline run, when one is asked for, is taken from
     * {@code previousSuccessful} or, for {@value #LATEST_BLESSED}, chosen by core among
     * {@code earlierNewestFirst}.
     */
    BlessOnAgent onAgent(RunRecord previousSuccessful, Supplier<List<RunRecord>> earlierNewestFirst)
            throws JsonProcessingException {
        if (!baselineIsARun()) {
            return new BlessOnAgent(gates, candidate, baseline, null, null);
        }
        RunRecord run;
        String description;
        if (PREVIOUS_SUCCESSFUL.equals(baseline)) {
            run = previousSuccessful;
            description = MlopsMessages.BlessStep_PreviousSuccessful.text();
        } else {
            run = RecordBaseline.latestBlessed(earlierNewestFirst.get()).orElse(null);
            description = MlopsMessages.BlessStep_LatestBlessed.text();
        }
        return new BlessOnAgent(gates, candidate, null, run == null ? null : Json.mapper().writeValueAsString(run),
                description);
    }

    @Override
    StageOnAgent agentCall(Run<?, ?> run) throws IOException {
        return onAgent(MlopsRunAction.recordOf(run.getPreviousSuccessfulBuild()), () -> earlierRuns(run));
    }

    @Override
    String symbol() {
        return SYMBOL;
    }

    private static List<RunRecord> earlierRuns(Run<?, ?> run) {
        List<RunRecord> runs = new ArrayList<>();
        Run<?, ?> build = run.getPreviousBuild();
        for (int i = 0; build != null && i < BUILDS_SEARCHED; i++, build = build.getPreviousBuild()) {
            runs.add(MlopsRunAction.recordOf(build));
        }
        return runs;
    }

    /** Descriptor of {@code mlBless}: its symbol, display name and form checks. */
    @Extension
    @Symbol(SYMBOL)
    public static final class DescriptorImpl extends StageStepDescriptor {
        @Override
        public String getDisplayName() {
            return MlopsMessages.BlessStep_DisplayName.text();
        }

        @POST
        public FormValidation doCheckGates(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
        }

        @POST
        public FormValidation doCheckCandidate(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
        }

        @POST
        public FormValidation doCheckBaseline(@AncestorInPath Item item, @QueryParameter String value) {
            String v = StepArguments.fixEmpty(value);
            return FormPermission.onJob(item, () -> v == null || PREVIOUS_SUCCESSFUL.equals(v) || LATEST_BLESSED.equals(v)
                    ? FormValidation.ok() : FormChecks.insideWorkspace(v));
        }

    }
}
