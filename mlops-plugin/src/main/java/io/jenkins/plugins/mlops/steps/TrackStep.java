package io.jenkins.plugins.mlops.steps;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.FormPermission;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.TrackRequest;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code mlTrack}: records this build's ML run (params, metrics, datasets, artifacts, code
 * version) with the core tracker, run on the agent that holds the workspace, and keeps it in the
 * build ({@link MlopsRunAction}). A freestyle build step and, through its symbol, a Pipeline step.
 * Every argument is optional; see docs/steps.md. Called again in the same build, it adds to the
 * same run ({@link io.jenkins.plugins.mlops.core.track.RunMerge}).
 */
public class TrackStep extends Builder implements SimpleBuildStep {
    static final String SYMBOL = "mlTrack";

    private String experiment;
    private String name;
    private String params;
    private String paramsFiles;
    private String metrics;
    private String tags;
    private String notes;
    private String datasets;
    private String artifacts;

    @DataBoundConstructor
    public TrackStep() {
        // every argument is optional: a bare mlTrack() records the code version, environment and CI source
    }

    public String getExperiment() {
        return experiment;
    }

    @DataBoundSetter
    public void setExperiment(String experiment) {
        this.experiment = StepArguments.fixEmpty(experiment);
    }

    public String getName() {
        return name;
    }

    @DataBoundSetter
    public void setName(String name) {
        this.name = StepArguments.fixEmpty(name);
    }

    public String getParams() {
        return params;
    }

    @DataBoundSetter
    public void setParams(String params) {
        this.params = StepArguments.fixEmpty(params);
    }

    public String getParamsFiles() {
        return paramsFiles;
    }

    @DataBoundSetter
    public void setParamsFiles(String paramsFiles) {
        this.paramsFiles = StepArguments.fixEmpty(paramsFiles);
    }

    public String getMetrics() {
        return metrics;
    }

    @DataBoundSetter
    public void setMetrics(String metrics) {
        this.metrics = StepArguments.fixEmpty(metrics);
    }

    public String getTags() {
        return tags;
    }

    @DataBoundSetter
    public void setTags(String tags) {
        this.tags = StepArguments.fixEmpty(tags);
    }

    public String getNotes() {
        return notes;
    }

    @DataBoundSetter
    public void setNotes(String notes) {
        this.notes = StepArguments.fixEmpty(notes);
    }

    public String getDatasets() {
        return datasets;
    }

    @DataBoundSetter
    public void setDatasets(String datasets) {
        this.datasets = StepArguments.fixEmpty(datasets);
    }

    public String getArtifacts() {
        return artifacts;
    }

    @DataBoundSetter
    public void setArtifacts(String artifacts) {
        this.artifacts = StepArguments.fixEmpty(artifacts);
    }

    /**
     * The core request these arguments ask for. A later call in a build that names no experiment
     * stays in the experiment the earlier call chose.
     *
     * @throws BadInputException when a name=value argument is malformed
     */
    public TrackRequest toRequest(String experimentSoFar, CiSource ci) {
        return new TrackRequest(experiment != null ? experiment : experimentSoFar, name,
                StepArguments.map("params", params), StepArguments.list(paramsFiles), StepArguments.list(metrics),
                StepArguments.map("tags", tags), notes, StepArguments.map("datasets", datasets),
                StepArguments.list(artifacts), ci);
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        RunRecord before = MlopsRunAction.recordOf(run);
        MlopsRunAction.Recorded recorded;
        try {
            TrackRequest request = toRequest(before == null ? null : before.experiment(), ciSource(run));
            AgentOutcome outcome = workspace.act(new TrackOnAgent(request, runId(run),
                    Instant.ofEpochMilli(run.getStartTimeInMillis())));
            if (outcome.failed()) {
                throw new AbortException(MlopsMessages.Step_Failed.text(SYMBOL, outcome.problem()));
            }
            outcome.warnings().forEach(warning -> listener.getLogger().println(MlopsMessages.TrackStep_Warning.text(warning)));
            // attached only now, so a build whose tracking failed shows no empty ML Run page
            recorded = MlopsRunAction.attachTo(run).record(outcome.json());
        } catch (BadInputException e) { // a malformed argument, or a merge conflict with an earlier call
            throw new AbortException(MlopsMessages.Step_Failed.text(SYMBOL, e.getMessage()));
        }
        RunRecord now = recorded.record();
        listener.getLogger().println(recorded.calls() == 1
                ? MlopsMessages.TrackStep_Recorded.text(now.id(), now.experiment(), now.params().size(),
                        now.metrics().size(), now.datasets().size(), now.artifacts().size())
                : MlopsMessages.TrackStep_Merged.text(recorded.calls(), now.id(), now.experiment(), now.params().size(),
                        now.metrics().size(), now.datasets().size(), now.artifacts().size()));
        listener.hyperlink("/" + run.getUrl() + MlopsRunAction.URL_NAME + "/", MlopsMessages.TrackStep_Link.text());
        listener.getLogger().println();
    }

    /** The run id of a build: the job's full name and the build number, as Jenkins's external ids. */
    static String runId(Run<?, ?> run) {
        return run.getParent().getFullName() + "#" + run.getNumber();
    }

    static CiSource ciSource(Run<?, ?> run) {
        String url;
        try {
            url = run.getAbsoluteUrl();
        } catch (IllegalStateException rootUrlNotConfigured) {
            url = null;
        }
        return new CiSource("jenkins", run.getParent().getFullName(), run.getNumber(), url);
    }

    /** Descriptor of {@code mlTrack}: its symbol, display name and form checks. */
    @Extension
    @Symbol(SYMBOL)
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return MlopsMessages.TrackStep_DisplayName.text();
        }

        @POST
        public FormValidation doCheckMetrics(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(StepArguments.list(value)));
        }

        @POST
        public FormValidation doCheckParamsFiles(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(StepArguments.list(value)));
        }

        @POST
        public FormValidation doCheckArtifacts(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(StepArguments.list(value)));
        }

        @POST
        public FormValidation doCheckDatasets(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> pairs("datasets", value, true));
        }

        @POST
        public FormValidation doCheckParams(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> pairs("params", value, false));
        }

        @POST
        public FormValidation doCheckTags(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> pairs("tags", value, false));
        }

        private static FormValidation pairs(String field, String value, boolean valuesArePaths) {
            Map<String, String> entries;
            try {
                entries = StepArguments.map(field, value);
            } catch (BadInputException e) {
                return FormValidation.error(e.getMessage());
            }
            return valuesArePaths ? FormChecks.insideWorkspace(List.copyOf(entries.values())) : FormValidation.ok();
        }
    }
}
