package io.jenkins.plugins.mlops.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.FormPermission;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * mlPromote's form checks, once for both of its descriptors (the Pipeline step's and the freestyle
 * builder's): Stapler dispatches web methods, and Jenkins finds a field's check method, through
 * {@code Class.getMethods()}, which includes these default methods. Each passes its check through
 * {@link FormPermission}.
 */
interface PromoteFormChecks {
    @POST
    default FormValidation doCheckPlan(@AncestorInPath Item item, @QueryParameter String value) {
        return FormPermission.onJob(item, () -> FormChecks.requiredInsideWorkspace(value));
    }

    @POST
    default FormValidation doCheckStateDir(@AncestorInPath Item item, @QueryParameter String value) {
        return FormPermission.onJob(item, () -> FormChecks.insideWorkspace(value));
    }

    @POST
    default FormValidation doCheckPollSeconds(@AncestorInPath Item item, @QueryParameter String value) {
        return FormPermission.onJob(item, () -> FormChecks.pollSeconds(value));
    }
}
