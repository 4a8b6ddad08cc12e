package io.jenkins.plugins.mlops.steps;

import hudson.EnvVars;
import hudson.Extension;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.FormPermission;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.data.EngineChoice;
import io.jenkins.plugins.mlops.core.data.Severity;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.model.ModelTestResult;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code mlValidate}: data validation (core.data: schema checks, anomalies, drift against a
 * reference, skew against serving data; stage {@link DataValidationResult#STAGE}) and model unit
 * tests (core.model: metric thresholds overall and per slice, behavioural tests against an
 * endpoint; stage {@link ModelTestResult#STAGE}), either or both in one call, run on the agent
 * that holds the workspace. Results go into the build's run with their reports (HTML section,
 * JUnit XML, JSON) in {@code <build>/mlops/}; a stage that does not pass fails the build or marks
 * it UNSTABLE ({@code buildResult}). {@code notebook} smoke-tests a Jupyter notebook in the sandbox
 * (core.notebook, stage {@code notebook}). With {@code engine: 'spark'} the data is validated by the
 * Spark launcher the global configuration names, run on the agent as a child process
 * ({@link SparkValidation}): the plugin carries no Spark. See docs/steps.md and docs/spark.md.
 */
public class ValidateStep extends StageStep {
    static final String SYMBOL = "mlValidate";

    private String data;
    private String schema;
    private String reference;
    private String serving;
    private String failOn;
    private String modelTests;
    private String predictions;
    private String endpoint;
    private String notebook;
    private String notebookParams;
    private String notebookMetrics;
    private Integer notebookTimeout;
    private String engine;
    private String sparkMaster;

    @DataBoundConstructor
    public ValidateStep() {
        // data (with schema) or modelTests, or both: checked when the step runs and in the form
    }

    public String getData() {
        return data;
    }

    @DataBoundSetter
    public void setData(String data) {
        this.data = StepArguments.fixEmpty(data);
    }

    public String getSchema() {
        return schema;
    }

    @DataBoundSetter
    public void setSchema(String schema) {
        this.schema = StepArguments.fixEmpty(schema);
    }

    public String getReference() {
        return reference;
    }

    @DataBoundSetter
    public void setReference(String reference) {
        this.reference = StepArguments.fixEmpty(reference);
    }

    public String getServing() {
        return serving;
    }

    @DataBoundSetter
    public void setServing(String serving) {
        this.serving = StepArguments.fixEmpty(serving);
    }

    public String getFailOn() {
        return failOn;
    }

    @DataBoundSetter
    public void setFailOn(String failOn) {
        this.failOn = StepArguments.fixEmpty(failOn);
    }

    public String getModelTests() {
        return modelTests;
    }

    @DataBoundSetter
    public void setModelTests(String modelTests) {
        this.modelTests = StepArguments.fixEmpty(modelTests);
    }

    public String getPredictions() {
        return predictions;
    }

    @DataBoundSetter
    public void setPredictions(String predictions) {
        this.predictions = StepArguments.fixEmpty(predictions);
    }

    public String getEndpoint() {
        return endpoint;
    }

    @DataBoundSetter
    public void setEndpoint(String endpoint) {
        this.endpoint = StepArguments.fixEmpty(endpoint);
    }

    public String getNotebook() {
        return notebook;
    }

    @DataBoundSetter
    public void setNotebook(String notebook) {
        this.notebook = StepArguments.fixEmpty(notebook);
    }

    public String getNotebookParams() {
        return notebookParams;
    }

    /** NAME=VALUE lines for the notebook's cell tagged {@code parameters}. */
    @DataBoundSetter
    public void setNotebookParams(String notebookParams) {
        this.notebookParams = StepArguments.fixEmpty(notebookParams);
    }

    public String getNotebookMetrics() {
        return notebookMetrics;
    }

    @DataBoundSetter
    public void setNotebookMetrics(String notebookMetrics) {
        this.notebookMetrics = StepArguments.fixEmpty(notebookMetrics);
    }

    public Integer getNotebookTimeout() {
        return notebookTimeout;
    }

    /** Seconds for the whole notebook; null: the default. */
    @DataBoundSetter
    public void setNotebookTimeout(Integer notebookTimeout) {
        this.notebookTimeout = notebookTimeout;
    }

    public String getEngine() {
        return engine;
    }

    /** 'local' (the default: core on the agent) or 'spark' (the Spark launcher on the agent). */
    @DataBoundSetter
    public void setEngine(String engine) {
        this.engine = StepArguments.fixEmpty(engine);
    }

    public String getSparkMaster() {
        return sparkMaster;
    }

    /** With engine 'spark': the master URL (null: the launcher's default, local[*]). */
    @DataBoundSetter
    public void setSparkMaster(String sparkMaster) {
        this.sparkMaster = StepArguments.fixEmpty(sparkMaster);
    }

    /**
     * Whether data is validated on Spark: core's {@link EngineChoice}, the rule the CLI applies to
     * {@code --engine} and {@code --master} (a master without engine 'spark' is refused, not ignored),
     * in this step's words. Blank is not given, as for every argument of the steps.
     *
     * @throws BadInputException naming the argument and the fix
     */
    static boolean onSpark(String engine, String sparkMaster) {
        return EngineChoice.onSpark(StepArguments.fixEmpty(engine), StepArguments.fixEmpty(sparkMaster), "engine", "sparkMaster");
    }

    /** The notebook's parameters: one NAME=VALUE a line (or separated by commas when on one line). */
    static java.util.Map<String, String> notebookParameters(String text) {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        if (text == null) {
            return map;
        }
        String[] pairs = text.contains("\n") ? text.split("\\r?\\n") : text.split(",");
        for (String pair : pairs) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException(MlopsMessages.ValidateStep_NotebookParam.text(pair.strip()));
            }
            map.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return map;
    }

    /** Also something to validate, the suite for predictions/endpoint, and failOn spelled right. */
    @Override
    String checkArguments() {
        if (data == null && schema == null && reference == null && serving == null && modelTests == null
                && predictions == null && endpoint == null && notebook == null) {
            throw new BadInputException(MlopsMessages.ValidateStep_NothingToValidate.text());
        }
        if (modelTests == null && (predictions != null || endpoint != null)) {
            throw new BadInputException(MlopsMessages.ValidateStep_NoSuite.text());
        }
        severity(failOn);
        if (notebook == null && (notebookParams != null || notebookMetrics != null)) {
            throw new BadInputException(MlopsMessages.ValidateStep_NoNotebook.text());
        }
        if (notebookTimeout != null && notebookTimeout < 1) {
            throw new BadInputException(MlopsMessages.ValidateStep_NotebookTimeout.text(notebookTimeout));
        }
        notebookParameters(notebookParams);
        if (onSpark(engine, sparkMaster) && data == null) {
            throw new BadInputException(MlopsMessages.ValidateStep_SparkWithoutData.text());
        }
        return super.checkArguments();
    }

    /** The failOn argument as core's severity: ERROR when not given. */
    static Severity severity(String failOn) {
        if (failOn == null) {
            return Severity.ERROR;
        }
        try {
            return Severity.of(failOn);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(MlopsMessages.Arguments_FailOn.text(failOn));
        }
    }

    @Override
    StageOnAgent agentCall(Run<?, ?> run) {
        return new ValidateOnAgent(this, null);
    }

    /** With engine 'spark' the agent runs the configured Spark launcher, found with the build's environment. */
    @Override
    StageOnAgent agentCall(Run<?, ?> run, EnvVars env, TaskListener listener) {
        if (!onSpark(engine, sparkMaster)) {
            return agentCall(run);
        }
        String launcher = MlopsGlobalConfiguration.get().sparkLauncherOrDefault();
        listener.getLogger().println(MlopsMessages.ValidateStep_OnSpark.text(SYMBOL, data,
                sparkMaster == null ? "local[*]" : sparkMaster, launcher));
        return new ValidateOnAgent(this, new SparkValidation(launcher, sparkMaster, env));
    }

    @Override
    String symbol() {
        return SYMBOL;
    }

    /** Descriptor of {@code mlValidate}: its symbol, display name and form checks. */
    @Extension
    @Symbol(SYMBOL)
    public static final class DescriptorImpl extends StageStepDescriptor {
        @Override
        public String getDisplayName() {
            return MlopsMessages.ValidateStep_DisplayName.text();
        }

        /** The data field also says when neither data nor modelTests is given. */
        @POST
        public FormValidation doCheckData(@AncestorInPath Item item, @QueryParameter String value,
                                          @QueryParameter String modelTests, @QueryParameter String notebook) {
            return FormPermission.onJob(item, () -> StepArguments.fixEmpty(value) == null
                    && StepArguments.fixEmpty(modelTests) == null && StepArguments.fixEmpty(notebook) == null
                    ? FormValidation.warning(MlopsMessages.ValidateStep_NothingToValidate.text())
                    : FormChecks.insideWorkspace(value));
        }

        @POST
        public FormValidation doCheckSchema(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
        }

        @POST
        public FormValidation doCheckReference(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
        }

        @POST
        public FormValidation doCheckServing(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
        }

        @POST
        public FormValidation doCheckModelTests(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
        }

        @POST
        public FormValidation doCheckPredictions(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
        }

        @POST
        public FormValidation doCheckNotebook(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
        }

        @POST
        public FormValidation doCheckNotebookParams(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.valid(() -> notebookParameters(StepArguments.fixEmpty(value))));
        }

        @POST
        public FormValidation doCheckEngine(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.valid(() -> onSpark(value, null)));
        }

        /** Also says when a master is given without engine 'spark'. */
        @POST
        public FormValidation doCheckSparkMaster(@AncestorInPath Item item, @QueryParameter String value,
                                                 @QueryParameter String engine) {
            return FormPermission.onJob(item, () -> FormChecks.valid(() -> onSpark(
                    EngineChoice.SPARK.equals(StepArguments.fixEmpty(engine)) ? EngineChoice.SPARK : EngineChoice.LOCAL, value)));
        }

        @POST
        public FormValidation doCheckFailOn(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> FormChecks.valid(() -> severity(StepArguments.fixEmpty(value))));
        }

    }
}
