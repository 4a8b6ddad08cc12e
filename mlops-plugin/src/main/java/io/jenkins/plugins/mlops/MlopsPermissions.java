package io.jenkins.plugins.mlops;

import hudson.AbortException;
import hudson.model.Job;
import hudson.security.Permission;
import hudson.security.PermissionGroup;
import hudson.security.PermissionScope;
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.jvnet.localizer.Localizable;

/**
 * The permission group "MLOps" and its one permission, {@code MLOps/Promote}: who may move a model
 * version into or out of a protected stage (Manage Jenkins » System » MLOps » Protected stages,
 * e.g. {@code production}). Granted per job (matrix or role-based authorization); an administrator
 * holds it. Builds are checked as the authentication they run as (see docs/jenkins-configuration.md:
 * without an authorize-project setup every build runs as SYSTEM and holds every permission).
 */
public final class MlopsPermissions {
    public static final PermissionGroup GROUP = new PermissionGroup(MlopsPermissions.class,
            new Text(MlopsMessages.Permissions_Group));

    /** Change a protected stage of the model registry (mlPublish's {@code stage}, mlPromote). */
    public static final Permission PROMOTE = new Permission(GROUP, "Promote", new Text(MlopsMessages.Permissions_Promote),
            Jenkins.ADMINISTER, PermissionScope.ITEM);

    private MlopsPermissions() {
    }

    /** Whether the global configuration lists {@code stage} as protected. */
    public static boolean isProtected(String stage) {
        return stage != null && MlopsGlobalConfiguration.get().protectedStageNames()
                .contains(stage.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the current authentication (in a build: the build's) may change protected stages of
     * {@code job}'s models; passed to core as {@code StageChangeRequest.mayChangeProtected}, so a
     * stage the registry's own policy protects is refused too.
     */
    public static boolean mayChangeProtected(Job<?, ?> job) {
        return job.hasPermission(PROMOTE);
    }

    /**
     * Refuses a change of {@code stage} when the global configuration protects it and the current
     * authentication lacks {@code MLOps/Promote} on {@code job}. Called before anything is written,
     * by mlPublish (its {@code stage}) and mlPromote.
     *
     * @throws AbortException naming the stage, the job and the permission
     */
    public static void checkStageChange(Job<?, ?> job, String stage) throws AbortException {
        if (isProtected(stage) && !mayChangeProtected(job)) {
            throw new AbortException(MlopsMessages.Permissions_Refused.text(stage, job.getFullName()));
        }
    }

    /**
     * Refuses, before any traffic moves, a rollout whose plan promotes into a stage the global
     * configuration protects when the build's user lacks {@code MLOps/Promote} on {@code job}
     * ({@code mayPromote}: {@link #mayChangeProtected}, asked on a thread running as that user; a
     * Pipeline rollout is driven in Timer threads, which run as SYSTEM).
     *
     * @throws AbortException naming the stage, the job and the permission
     */
    public static void checkRollout(Job<?, ?> job, String stage, boolean mayPromote) throws AbortException {
        if (isProtected(stage) && !mayPromote) {
            throw new AbortException(MlopsMessages.Permissions_RolloutRefused.text(stage, job.getFullName()));
        }
    }

    /**
     * Refuses the approval of a paused rollout (mlPromote's {@code approve}) when the build's user
     * lacks {@code MLOps/Promote} on {@code job} ({@code mayPromote}, as for {@link #checkRollout}):
     * an approval is a promotion decision.
     *
     * @throws AbortException naming the job and the permission
     */
    public static void checkApproval(Job<?, ?> job, boolean mayPromote) throws AbortException {
        if (!mayPromote) {
            throw new AbortException(MlopsMessages.Permissions_ApprovalRefused.text(job.getFullName()));
        }
    }

    /** A permission's title or description from Messages.properties (the localizer's type, without its generated class). */
    static final class Text extends Localizable {
        private static final long serialVersionUID = 1L;
        private final MlopsMessages message;

        Text(MlopsMessages message) {
            super(null, message.key());
            this.message = message;
        }

        public String toString(Locale locale) {
            return message.text();
        }

        @Override
        public String toString() {
            return message.text();
        }
    }
}
