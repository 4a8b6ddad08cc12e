package io.jenkins.plugins.mlops.steps;

import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.FormPermission;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * What every stage step's descriptor has in common: usable in any job type, and the
 * {@code buildResult} field's check (Stapler finds inherited web methods). Public, so javac adds no
 * unchecked bridge methods to the subclasses.
 */
public abstract class StageStepDescriptor extends BuildStepDescriptor<Builder> {
    @Override
    public boolean isApplicable(Class<? extends AbstractProject> jobType) {
        return true;
    }

    @POST
    public FormValidation doCheckBuildResult(@AncestorInPath Item item, @QueryParameter String value) {
        return FormPermission.onJob(item, () -> FormChecks.buildResult(value));
    }
}
