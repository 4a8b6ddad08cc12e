package io.jenkins.plugins.mlops.core.promotion;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.SemVer;
import io.jenkins.plugins.mlops.core.registry.StageAction;
import io.jenkins.plugins.mlops.core.registry.StageChangeRequest;
import io.jenkins.plugins.mlops.core.registry.StageChangeResult;
import io.jenkins.plugins.mlops.core.rollout.Promotion;
import io.jenkins.plugins.mlops.core.rollout.PromotionTarget;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The rollout's {@link PromotionTarget} for every front end: moves the registry stage under the
 * stage's policy ({@code core.registry}). The actor is who started the rollout (the CLI's user, a
 * Jenkins build), whoever makes the call that promotes; the approvals are the people who approved
 * the paused rollout (its starter approving does not count, as the registry rules). So a stage that asks for approvals
 * (production by default asks for one) is entered only after someone else approved the rollout;
 * until then the registry refuses, the rollout pauses with how to approve, and the approval tries
 * again with it. Idempotent: a stage already holding the version is left as it is. A version the
 * registry does not hold (a rollout of a model never published) is promoted in traffic only, and
 * the timeline says so.
 */
public final class RegistryPromotion implements PromotionTarget {
    private final Supplier<Registry> registry;
    private final String job;
    private final Integer build;
    private final boolean mayChangeProtected;

    /**
     * @param registry           opens the registry (closed after each call)
     * @param job                the CI job that drives the rollout, if any (with {@code build}: the commit's author context)
     * @param mayChangeProtected whether the caller holds the permission for protected stages
     */
    public RegistryPromotion(Supplier<Registry> registry, String job, Integer build, boolean mayChangeProtected) {
        this.registry = registry;
        this.job = job;
        this.build = build;
        this.mayChangeProtected = mayChangeProtected;
    }

    @Override
    public Optional<String> promote(Promotion p) {
        Actor actor = new Actor(p.startedBy(), job, build);
        try (Registry reg = registry.get()) {
            try {
                reg.show(p.model(), p.version());
            } catch (BadInputException unknown) {
                return Optional.of(p.model() + " " + p.version() + " is not in the model registry ("
                        + unknown.getMessage() + "); no registry stage moved. Publish it first to have the registry follow");
            }
            Optional<SemVer> current = reg.stages(p.model()).current(p.stage());
            if (current.isPresent() && current.get().equals(SemVer.parse(p.version()))) {
                return Optional.of("the registry's '" + p.stage() + "' already holds " + p.version());
            }
            StageChangeResult change = reg.setStage(new StageChangeRequest(p.model(), p.version(), p.stage(),
                    StageAction.ASSIGN, actor, p.approvedBy(), "progressive rollout passed every step", mayChangeProtected));
            if (!change.applied()) {
                throw BadInputException.at(null, 0, String.join("; ", change.refusals()),
                        "for an approval, a person other than " + actor.user() + " approves the paused rollout (mlops"
                        + " promote --approve --user NAME, or mlPromote approve: true): the registry move is tried again"
                        + " with that approval; otherwise meet the stage's policy, or abort");
            }
            return Optional.of("registry: " + change.summary()
                    + (p.approvedBy().isEmpty() ? "" : ", approved by " + String.join(", ", p.approvedBy())));
        }
    }
}
