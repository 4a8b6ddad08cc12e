package io.jenkins.plugins.mlops.core.rollout;

import java.util.Optional;

/**
 * Where a fully promoted candidate is recorded: the model registry's stage
 * ({@code core.promotion.RegistryPromotion}, the same for the CLI, the demo and Jenkins). Called
 * only after every step passed and all traffic is on the candidate; never after a rollback. Must
 * be idempotent (moving a stage to the version it already has changes nothing), because a
 * controller that dies right after the call makes it again.
 *
 * <p>Returns a line for the rollout's timeline saying what was recorded; empty when the answer is
 * not known yet (a registry on another host than the router: the rollout stays PROMOTING, says
 * {@link RolloutState#awaitingPromotion()}, and asks again on the next tick). Throwing a
 * {@link io.jenkins.plugins.mlops.core.error.MlopsException} (the stage's policy or the user's
 * permission says no) pauses the rollout with that message: traffic stays on the candidate until a
 * person approves (the promotion is tried again, with their approval) or aborts.
 */
@FunctionalInterface
public interface PromotionTarget {
    Optional<String> promote(Promotion promotion);
}
