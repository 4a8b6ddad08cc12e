package io.jenkins.plugins.mlops.config;

import hudson.Extension;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.FormPermission;
import io.jenkins.plugins.mlops.JenkinsFacade;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.MlopsPermissions;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.steps.StepArguments;
import java.util.Set;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins » System » MLOps: where the model registry is (a directory on the controller, or
 * a Git URL with a credentials id), the default sandbox backend, the Prometheus URL, the
 * stages only holders of {@code MLOps/Promote} may change, and the Spark launcher
 * {@code mlValidate(engine: 'spark')} runs on the agent. Configuration as code:
 * {@code unclassified: mlops: ...} (docs/jenkins-configuration.md). The steps use these values
 * when their own parameter is empty.
 */
@Extension
@Symbol("mlops")
public class MlopsGlobalConfiguration extends GlobalConfiguration {
    /** The directory under JENKINS_HOME that holds the default registry and remote registries' caches. */
    public static final String HOME_DIR = "mlops";

    /**
     * Loads MlopsPermissions with this extension, at startup: a permission is listed (in the
     * authorization matrix) only once its class is initialized.
     */
    private static final Object PERMISSIONS_LOADED = MlopsPermissions.PROMOTE;
    private static final JenkinsFacade JENKINS = new JenkinsFacade();

    private String registry;
    private String credentialsId;
    private String sandbox;
    private String prometheusUrl;
    private String protectedStages;
    private String sparkLauncher;

    public MlopsGlobalConfiguration() {
        load();
    }

    /** The configuration of this Jenkins. */
    public static MlopsGlobalConfiguration get() {
        return JENKINS.getDescriptorByType(MlopsGlobalConfiguration.class);
    }

    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = StepArguments.fixEmpty(registry);
        save();
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = StepArguments.fixEmpty(credentialsId);
        save();
    }

    public String getSandbox() {
        return sandbox;
    }

    @DataBoundSetter
    public void setSandbox(String sandbox) {
        this.sandbox = StepArguments.fixEmpty(sandbox);
        save();
    }

    public String getPrometheusUrl() {
        return prometheusUrl;
    }

    @DataBoundSetter
    public void setPrometheusUrl(String prometheusUrl) {
        this.prometheusUrl = StepArguments.fixEmpty(prometheusUrl);
        save();
    }

    public String getProtectedStages() {
        return protectedStages;
    }

    @DataBoundSetter
    public void setProtectedStages(String protectedStages) {
        this.protectedStages = StepArguments.fixEmpty(protectedStages);
        save();
    }

    public String getSparkLauncher() {
        return sparkLauncher;
    }

    @DataBoundSetter
    public void setSparkLauncher(String sparkLauncher) {
        this.sparkLauncher = StepArguments.fixEmpty(sparkLauncher);
        save();
    }

    /**
     * The command {@code mlValidate(engine: 'spark')} runs on the agent: the configured one, else
     * {@value ConfigChecks#SPARK_LAUNCHER} (looked up on the build's PATH there). Only administrators set it;
     * a step cannot name another program.
     *
     * @throws BadInputException when the configured value is not one program (set around the form's check)
     */
    public String sparkLauncherOrDefault() {
        String problem = ConfigChecks.sparkLauncher(sparkLauncher); // also when set by configuration as code, not the form
        if (problem != null) {
            throw new BadInputException(problem);
        }
        return sparkLauncher == null ? ConfigChecks.SPARK_LAUNCHER : sparkLauncher;
    }

    /** The protected stages, lower case. */
    public Set<String> protectedStageNames() {
        return ConfigChecks.stageNames(protectedStages);
    }

    /**
     * Opens the configured registry on the controller (JENKINS_HOME/mlops/registry when none is
     * configured). Steps have no registry parameter of their own: a Jenkinsfile must not choose a
     * directory on the controller. The caller closes it.
     */
    public Registry openRegistry() {
        return RegistryAccess.open(registry, JENKINS.rootDir().resolve(HOME_DIR),
                credentialsId == null ? null : RegistryCredentials.lookup(credentialsId));
    }

    @Override
    public String getDisplayName() {
        return MlopsMessages.GlobalConfiguration_DisplayName.text();
    }

    @POST
    public FormValidation doCheckRegistry(@QueryParameter String value) {
        return FormPermission.onJenkins(JENKINS, () -> ConfigChecks.form(ConfigChecks.registry(value)));
    }

    @POST
    public FormValidation doCheckSandbox(@QueryParameter String value) {
        return FormPermission.onJenkins(JENKINS, () -> ConfigChecks.form(ConfigChecks.sandbox(value)));
    }

    @POST
    public FormValidation doCheckPrometheusUrl(@QueryParameter String value) {
        return FormPermission.onJenkins(JENKINS, () -> ConfigChecks.form(ConfigChecks.prometheusUrl(value)));
    }

    @POST
    public FormValidation doCheckSparkLauncher(@QueryParameter String value) {
        return FormPermission.onJenkins(JENKINS, () -> ConfigChecks.form(ConfigChecks.sparkLauncher(value)));
    }

    @POST
    public FormValidation doCheckProtectedStages(@QueryParameter String value) {
        return FormPermission.onJenkins(JENKINS, () -> ConfigChecks.form(ConfigChecks.protectedStages(value)));
    }
}
