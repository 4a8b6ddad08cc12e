package io.jenkins.plugins.mlops.steps;

import hudson.Extension;
import hudson.FilePath;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.FormPermission;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.monitor.MonitorRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code mlMonitor}: the production version of a registry model checked against its training data
 * over a window of serving logs in the workspace (core.monitor, docs/monitoring.md; stage
 * {@code monitoring}). Returns the verdict to the Pipeline ({@code def r = mlMonitor(...);
 * if (r.verdict == 'DRIFT') build 'retrain'}), which decides: a DRIFT or DEGRADED verdict does not
 * fail the build. Bad input (a bad log line, a missing file) fails it, and nothing is recorded.
 */
public class MonitorStep extends Step {
    static final String SYMBOL = "mlMonitor";

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
    public MonitorStep(String model, String logs) {
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

    /**
     * The core request, paths as written (the agent resolves them inside the workspace).
     *
     * @throws BadInputException for a floor that is not METRIC=NUMBER (a missing model or logs: core says so)
     */
    MonitorRequest request() {
        Map<String, Double> floors = new LinkedHashMap<>();
        StepArguments.map("minimums", minimums).forEach((metric, value) -> {
            try {
                floors.put(metric, Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new BadInputException(MlopsMessages.MonitorStep_NotANumber.text("minimums " + metric, value));
            }
        });
        return new MonitorRequest(StepArguments.list(logs), since, until, last, training, trainingDataset, schema,
                trainingPredictions, labels, prometheus, healthWindow, floors, maxErrorRate, maxP99Ms, predictionThreshold,
                null, null);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new MonitorExecution(context, this);
    }

    /** Descriptor of {@code mlMonitor}: its function name, the context it needs, and its form checks. */
    @Extension
    @Symbol(SYMBOL)
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return SYMBOL;
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            // the workspace: the serving logs are read on the agent that holds it
            return Set.of(Run.class, FilePath.class, TaskListener.class);
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
