package io.jenkins.plugins.mlops;

import hudson.model.Item;
import hudson.util.FormValidation;
import java.util.function.Supplier;
import jenkins.model.Jenkins;

/**
 * The permission rule of every form check, in one place: a check answers only a user who may
 * configure what the form configures (a check that answers anyone is a past Jenkins advisory
 * class: it tells what it checks against). Each {@code doCheck} method keeps its own {@code @POST}
 * and passes its check through here; ArchitectureTest holds every web method to it.
 */
public final class FormPermission {
    private FormPermission() {
    }

    /**
     * A job's form (a step or build step): Item/Configure on the job, then {@code check}. Without a
     * job in the URL nothing is configured, so nothing is told (OK).
     */
    public static FormValidation onJob(Item job, Supplier<FormValidation> check) {
        if (job == null) {
            return FormValidation.ok();
        }
        job.checkPermission(Item.CONFIGURE);
        return check.get();
    }

    /** The global configuration's form: Overall/Administer, then {@code check}. */
    public static FormValidation onJenkins(JenkinsFacade jenkins, Supplier<FormValidation> check) {
        jenkins.checkPermission(Jenkins.ADMINISTER);
        return check.get();
    }
}
