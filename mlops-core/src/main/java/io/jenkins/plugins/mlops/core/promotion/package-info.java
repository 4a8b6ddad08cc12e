/**
 * Where a rollout meets the model registry: the registry-backed
 * {@link io.jenkins.plugins.mlops.core.rollout.PromotionTarget}. Above both {@code core.rollout}
 * and {@code core.registry}, so neither depends on the other.
 */
package io.jenkins.plugins.mlops.core.promotion;
