package io.jenkins.plugins.mlops.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.FormPermission;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.monitor.MonitorResult;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code mlMonitor} in a freestyle job: the same parameters as {@link MonitorStep} (a test holds the
 * two to it) and the same check ({@link MonitorExecution#check}). A freestyle job cannot branch on
 * a returned verdict, so DRIFT and DEGRADED mark the build UNSTABLE (a downstream job can trigger on
 * it); OK and NO_DATA leave it as it is. No {@code @Symbol}: in a Pipeline, {@code mlMonitor} is
 * {@link MonitorStep}, which returns the verdict.
 */
public class MonitorBuilder extends Builder implements SimpleBuildStep {
    private final String model;
    private final String logs;
    private String version;
    private String stage;
    private String since;
    private String until;
    private Integer last;
    private String training;
    private String trainingDataset;
    private String schema;
    private String trainingPredictions;
    private String labels;
    private String minimums;
    private String prometheus;
    private String healthWindow;
    private Double maxErrorRate;
    private Double maxP99Ms;
    private Double predictionThreshold;

    @DataBoundConstructor
    public MonitorBuilder(String model, String logs) {
        this.model = StepArguments.fixEmpty(model);
        this.logs = StepArguments.fixEmpty(logs);
    }

    public String getModel() {
        return model;
    }

    public String getLogs() {
        return logs;
    }

    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(String version) {
        this.version = StepArguments.fixEmpty(version);
    }

    public String getStage() {
        return stage;
    }

    @DataBoundSetter
    public void setStage(String stage) {
        this.stage = StepArguments.fixEmpty(stage);
    }

    public String getSince() {
        return since;
    }

    @DataBoundSetter
    public void setSince(String since) {
        this.since = StepArguments.fixEmpty(since);
    }

    public String getUntil() {
        return until;
    }

    @DataBoundSetter
    public void setUntil(String until) {
        this.until = StepArguments.fixEmpty(until);
    }

    public Integer getLast() {
        return last;
    }

    @DataBoundSetter
    public void setLast(Integer last) {
        this.last = last;
    }

    public String getTraining() {
        return training;
    }

    @DataBoundSetter
    public void setTraining(String training) {
        this.training = StepArguments.fixEmpty(training);
    }

    public String getTrainingDataset() {
        return trainingDataset;
    }

    @DataBoundSetter
    public void setTrainingDataset(String trainingDataset) {
        this.trainingDataset = StepArguments.fixEmpty(trainingDataset);
    }

    public String getSchema() {
        return schema;
    }

    @DataBoundSetter
    public void setSchema(String schema) {
        this.schema = StepArguments.fixEmpty(schema);
    }

    public String getTrainingPredictions() {
        return trainingPredictions;
    }

    @DataBoundSetter
    public void setTrainingPredictions(String trainingPredictions) {
        this.trainingPredictions = StepArguments.fixEmpty(trainingPredictions);
    }

    public String getLabels() {
        return labels;
    }

    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = StepArguments.fixEmpty(labels);
    }

    public String getMinimums() {
        return minimums;
    }

    @DataBoundSetter
    public void setMinimums(String minimums) {
        this.minimums = StepArguments.fixEmpty(minimums);
    }

    public String getPrometheus() {
        return prometheus;
    }

    @DataBoundSetter
    public void setPrometheus(String prometheus) {
        this.prometheus = StepArguments.fixEmpty(prometheus);
    }

    public String getHealthWindow() {
        return healthWindow;
    }

    @DataBoundSetter
    public void setHealthWindow(String healthWindow) {
        this.healthWindow = StepArguments.fixEmpty(healthWindow);
    }

    public Double getMaxErrorRate() {
        return maxErrorRate;
    }

    @DataBoundSetter
    public void setMaxErrorRate(Double maxErrorRate) {
        this.maxErrorRate = maxErrorRate;
    }

    public Double getMaxP99Ms() {
        return maxP99Ms;
    }

    @DataBoundSetter
    public void setMaxP99Ms(Double maxP99Ms) {
        this.maxP99Ms = maxP99Ms;
    }

    public Double getPredictionThreshold() {
        return predictionThreshold;
    }

    @DataBoundSetter
    public void setPredictionThreshold(Double predictionThreshold) {
        this.predictionThreshold = predictionThreshold;
    }

    /** The Pipeline step with these arguments: one way from arguments to a check. */
    MonitorStep toStep() {
        MonitorStep step = new MonitorStep(model, logs);
        step.setVersion(version);
        step.setStage(stage);
        step.setSince(since);
        step.setUntil(until);
        step.setLast(last);
        step.setTraining(training);
        step.setTrainingDataset(trainingDataset);
        step.setSchema(schema);
        step.setTrainingPredictions(trainingPredictions);
        step.setLabels(labels);
        step.setMinimums(minimums);
        step.setPrometheus(prometheus);
        step.setHealthWindow(healthWindow);
        step.setMaxErrorRate(maxErrorRate);
        step.setMaxP99Ms(maxP99Ms);
        step.setPredictionThreshold(predictionThreshold);
        return step;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        MonitorResult result = MonitorExecution.check(toStep(), run, workspace, listener);
        if (MonitorResult.DRIFT.equals(result.verdict()) || MonitorResult.DEGRADED.equals(result.verdict())) {
            listener.getLogger().println(MlopsMessages.MonitorStep_Unstable.text(result.verdict()));
            run.setResult(Result.UNSTABLE);
        }
    }

    /** Descriptor of the freestyle mlMonitor: display name and form checks (no buildResult: the verdict decides). */
    @Extension
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return MlopsMessages.MonitorStep_DisplayName.text();
        }

        @POST
        public FormValidation doCheckModel(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.modelName(value));
        }

        @POST
        public FormValidation doCheckLogs(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(StepArguments.list(value)));
        }

        @POST
        public FormValidation doCheckStage(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.stageName(value));
        }
    }
}
