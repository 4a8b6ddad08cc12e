package io.jenkins.plugins.mlops.core.registry;

import java.io.Serializable;
import java.util.List;

/**
 * Move a stage: assign {@code version} to {@code stage}, or unassign the stage's current version.
 *
 * @param approvals           people who approved the change (distinct, not the actor), counted against the policy
 * @param mayChangeProtected  whether the actor holds the permission for protected stages (Jenkins checks
 *                            it; the CLI passes {@code true}: a local user owns the local registry)
 */
public record StageChangeRequest(String model, String version, String stage, StageAction action, Actor actor,
                                 List<String> approvals, String reason, boolean mayChangeProtected)
        implements Serializable {
    public StageChangeRequest {
        approvals = approvals == null ? List.of() : List.copyOf(approvals);
        action = action == null ? StageAction.ASSIGN : action;
    }

    public static StageChangeRequest assign(String model, String version, String stage, Actor actor) {
        return new StageChangeRequest(model, version, stage, StageAction.ASSIGN, actor, List.of(), null, true);
    }

    public StageChangeRequest withApprovals(List<String> people) {
        return new StageChangeRequest(model, version, stage, action, actor, people, reason, mayChangeProtected);
    }

    public StageChangeRequest withProtectedPermission(boolean granted) {
        return new StageChangeRequest(model, version, stage, action, actor, approvals, reason, granted);
    }
}
