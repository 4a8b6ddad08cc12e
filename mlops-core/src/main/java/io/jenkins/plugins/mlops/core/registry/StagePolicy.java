package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.Serializable;

/**
 * What a version needs before it may enter a stage. {@code protectedStage}: only people holding
 * the promote permission may change it (Jenkins checks the permission; the CLI user has it).
 */
public record StagePolicy(boolean blessingRequired, boolean infraBlessingRequired, int approvalsRequired,
                          boolean protectedStage) implements Serializable {
    public StagePolicy {
        if (approvalsRequired < 0) {
            throw BadInputException.at("approvals", 0, approvalsRequired + " is negative",
                    "give the number of approvals a change needs: 0 or more");
        }
    }

    public static StagePolicy open() {
        return new StagePolicy(false, false, 0, false);
    }
}
