package io.jenkins.plugins.mlops.core.rollout;

/**
 * Where a fully promoted candidate is recorded: the model registry's stage (wired by the front end
 * to {@code core.registry}). Called only after every step passed and all traffic is on the
 * candidate; never after a rollback. Must be idempotent (moving a stage to the version it already
 * has changes nothing), because a controller that dies right after the call makes it again.
 * Throwing a {@link io.jenkins.plugins.mlops.core.error.MlopsException} (the stage's policy or the
 * user's permission says no) pauses the rollout with that message.
 */
@FunctionalInterface
public interface PromotionTarget {
    void promote(String model, String version, String stage, String actor);
}
