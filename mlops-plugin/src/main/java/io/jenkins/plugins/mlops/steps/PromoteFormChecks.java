package io.jenkins.plugins.mlops.steps;

import hudson.model.Item;
import hudson.util.FormValidation;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * mlPromote's form checks, once for both of its descriptors (the Pipeline step's and the freestyle
 * builder's): Stapler dispatches web methods, and Jenkins finds a field's check method, through
 * {@code Class.getMethods()}, which includes these default methods.
 */
interface PromoteFormChecks {
    @POST
    default FormValidation doCheckPlan(@AncestorInPath Item item, @QueryParameter String value) {
        if (item == null) {
            return FormValidation.ok(); // no job in the URL: nothing is configured, nothing is told
        }
        item.checkPermission(Item.CONFIGURE);
        return FormChecks.requiredInsideWorkspace(value);
    }

    @POST
    default FormValidation doCheckStateDir(@AncestorInPath Item item, @QueryParameter String value) {
        if (item == null) {
            return FormValidation.ok();
        }
        item.checkPermission(Item.CONFIGURE);
        return FormChecks.insideWorkspace(value);
    }

    @POST
    default FormValidation doCheckPollSeconds(@AncestorInPath Item item, @QueryParameter String value) {
        if (item == null) {
            return FormValidation.ok();
        }
        item.checkPermission(Item.CONFIGURE);
        return FormChecks.pollSeconds(value);
    }
}
