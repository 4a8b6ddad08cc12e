package io.jenkins.plugins.mlops.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.rollout.Promotion;
import io.jenkins.plugins.mlops.core.rollout.PromotionFile;
import io.jenkins.plugins.mlops.core.rollout.PromotionTarget;
import io.jenkins.plugins.mlops.core.rollout.Rollout;
import io.jenkins.plugins.mlops.core.rollout.RolloutCall;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlan;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlans;
import java.io.File;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * One {@link RolloutCall} of core's {@link Rollout} on the agent that holds the workspace: the plan
 * is read there, the state directory is there (inside the workspace), and the router acts there
 * (nginx's reload, its site file, or the file router's JSON are on that host). Each call builds the
 * rollout from the plan and the persisted state, makes at most one transition (core persists it
 * before and after acting) and returns the state as JSON; nothing is kept between calls, so a
 * controller that restarts simply calls again.
 *
 * <p>The registry is on the controller: a rollout whose traffic is all on the candidate waits
 * ({@link io.jenkins.plugins.mlops.core.rollout.RolloutState#awaitingPromotion()}) until the
 * controller has asked core's {@code RegistryPromotion} and sends the {@link RegistryAnswer} with
 * the next call; a refusal pauses the rollout there, as everywhere.
 */
public final class PromoteOnAgent extends MasterToSlaveFileCallable<AgentOutcome> {
    private static final long serialVersionUID = 2L;

    /** Which version of which model the plan would put in which stage (the answer to {@link #target}). */
    public record Target(String model, String version, String stage) {
    }

    /** What the controller's registry said to a promotion: what it recorded, or why it refused. */
    public record RegistryAnswer(String recorded, String refusal) implements Serializable {
        private static final long serialVersionUID = 1L;

        /** Asks {@code registry} (on the controller); its refusal becomes the answer, not an error. */
        static RegistryAnswer of(PromotionTarget registry, Promotion promotion) {
            try {
                return new RegistryAnswer(registry.promote(promotion).orElse(""), null);
            } catch (MlopsException | UncheckedIOException e) {
                return new RegistryAnswer(null, e.getMessage());
            }
        }

        /** The answer as the agent-side target: the rollout promotes, or pauses with the refusal. */
        Optional<String> apply() {
            if (refusal != null) {
                throw new BadInputException(refusal);
            }
            return Optional.of(recorded);
        }
    }

    private final String plan;
    private final String stateDir;
    /** null: only read the plan and say its {@link Target}; changes nothing. */
    private final RolloutCall.Action action;
    private final String actor;
    private final String reason;
    /** The global configuration's Prometheus, for a plan that names none (null: none configured). */
    private final String defaultPrometheusUrl;
    /** The registry's answer for a rollout awaiting it (null: not asked yet). */
    private final RegistryAnswer registry;

    public PromoteOnAgent(String plan, String stateDir, RolloutCall.Action action, String actor, String reason,
                          String defaultPrometheusUrl) {
        this(plan, stateDir, action, actor, reason, defaultPrometheusUrl, null);
    }

    private PromoteOnAgent(String plan, String stateDir, RolloutCall.Action action, String actor, String reason,
                           String defaultPrometheusUrl, RegistryAnswer registry) {
        this.plan = plan;
        this.stateDir = stateDir;
        this.action = action;
        this.actor = actor;
        this.reason = reason;
        this.defaultPrometheusUrl = defaultPrometheusUrl;
        this.registry = registry;
    }

    /** The same rollout, another action. */
    public PromoteOnAgent with(RolloutCall.Action next) {
        return new PromoteOnAgent(plan, stateDir, next, actor, reason, defaultPrometheusUrl, null);
    }

    /** The same rollout carried on (resume), with the registry's answer to the promotion it awaits. */
    public PromoteOnAgent answering(RegistryAnswer answer) {
        return new PromoteOnAgent(plan, stateDir, RolloutCall.Action.RESUME, actor, reason, defaultPrometheusUrl, answer);
    }

    /** Reads the plan and says what it promotes into which stage ({@link Target}); changes nothing. */
    public PromoteOnAgent target() {
        return new PromoteOnAgent(plan, stateDir, null, actor, reason, defaultPrometheusUrl, null);
    }

    @Override
    public AgentOutcome invoke(File workspace, VirtualChannel channel) {
        Path root = workspace.toPath();
        try {
            Path planFile = SafePaths.existingFileInside(root, plan, "plan");
            RolloutPlan rolloutPlan = RolloutPlans.read(planFile, defaultPrometheusUrl);
            if (action == null) {
                return AgentOutcome.ok(Json.mapper().writeValueAsString(
                        new Target(rolloutPlan.model(), rolloutPlan.canary().version(), rolloutPlan.targetStage())));
            }
            Path dir = SafePaths.resolveInside(root, stateDir, "stateDir");
            PromotionTarget answered = p -> registry == null ? Optional.empty() : registry.apply();
            Rollout rollout = Rollout.fromPlan(rolloutPlan, dir, new PromotionFile(dir, answered));
            return AgentOutcome.ok(Json.mapper().writeValueAsString(
                    new RolloutCall(action, actor, reason).apply(rollout, Instant.now())));
        } catch (MlopsException e) {
            return AgentOutcome.failed(e.getMessage(), e.exitCode().code());
        } catch (UncheckedIOException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return AgentOutcome.failed(e.getMessage(), ExitCode.INFRASTRUCTURE.code());
        }
    }
}
