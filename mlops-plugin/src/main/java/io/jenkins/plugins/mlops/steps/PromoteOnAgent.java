package io.jenkins.plugins.mlops.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.rollout.PromotionFile;
import io.jenkins.plugins.mlops.core.rollout.Rollout;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlan;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlans;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import jenkins.MasterToSlaveFileCallable;

/**
 * One transition of core's {@link Rollout} on the agent that holds the workspace: the plan is read
 * there, the state directory is there (inside the workspace), and the router acts there (nginx's
 * reload, its site file, or the file router's JSON are on that host). Each call builds the rollout
 * from the plan and the persisted state, makes at most one transition (core persists it before and
 * after acting) and returns the state as JSON; nothing is kept between calls, so a controller that
 * restarts simply calls again.
 */
public final class PromoteOnAgent extends MasterToSlaveFileCallable<AgentOutcome> {
    private static final long serialVersionUID = 1L;
    /**
     * What core's promotion hook writes on the agent when a rollout is promoted (kept beside the
     * state, for tooling on that host); the registry itself is on the controller, where
     * {@link PromoteRun} moves the stage once the rollout reports PROMOTED.
     */
    static final String PROMOTION_FILE = "promotion.json";

    /** Which version of which model the plan would put in which stage (the answer to {@link Action#TARGET}). */
    public record Target(String model, String version, String stage) {
    }

    /** What the call does. */
    public enum Action {
        /** Start the rollout (refused when an unfinished one is recorded in the state directory). */
        START,
        /** Carry the recorded rollout on by one transition (refused when none is recorded). */
        RESUME,
        /** After a controller restart: carry on the recorded rollout, or start it if the start never reached the agent. */
        CONTINUE,
        /** Let a paused rollout go on. */
        APPROVE,
        /** Stop the rollout; all traffic goes back to stable (finished by the next RESUME). */
        ABORT,
        /** Read the plan and say what it promotes into which stage ({@link Target}); changes nothing. */
        TARGET
    }

    private final String plan;
    private final String stateDir;
    private final Action action;
    private final String actor;
    private final String reason;
    /** The global configuration's Prometheus, for a plan that names none (null: none configured). */
    private final String defaultPrometheusUrl;

    public PromoteOnAgent(String plan, String stateDir, Action action, String actor, String reason) {
        this(plan, stateDir, action, actor, reason, null);
    }

    public PromoteOnAgent(String plan, String stateDir, Action action, String actor, String reason,
                          String defaultPrometheusUrl) {
        this.plan = plan;
        this.stateDir = stateDir;
        this.action = action;
        this.actor = actor;
        this.reason = reason;
        this.defaultPrometheusUrl = defaultPrometheusUrl;
    }

    public Action action() {
        return action;
    }

    /** The same rollout, another action. */
    public PromoteOnAgent with(Action next) {
        return new PromoteOnAgent(plan, stateDir, next, actor, reason, defaultPrometheusUrl);
    }

    @Override
    public AgentOutcome invoke(File workspace, VirtualChannel channel) {
        Path root = workspace.toPath();
        try {
            Path planFile = SafePaths.existingFileInside(root, plan, "plan");
            RolloutPlan rolloutPlan = RolloutPlans.read(planFile, defaultPrometheusUrl);
            if (action == Action.TARGET) {
                return AgentOutcome.ok(Json.mapper().writeValueAsString(
                        new Target(rolloutPlan.model(), rolloutPlan.canary().version(), rolloutPlan.targetStage())));
            }
            Path dir = SafePaths.resolveInside(root, stateDir, "stateDir");
            Rollout rollout = Rollout.fromPlan(rolloutPlan, dir, new PromotionFile(dir.resolve(PROMOTION_FILE)));
            return AgentOutcome.ok(Json.mapper().writeValueAsString(transition(rollout, Instant.now())));
        } catch (MlopsException e) {
            return AgentOutcome.failed(e.getMessage(), e.exitCode().code());
        } catch (UncheckedIOException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return AgentOutcome.failed(e.getMessage(), ExitCode.INFRASTRUCTURE.code());
        }
    }

    private RolloutState transition(Rollout rollout, Instant now) {
        Optional<RolloutState> recorded = rollout.state();
        return switch (action) {
            case START -> {
                if (recorded.isPresent() && !recorded.get().status().terminal()) {
                    throw BadInputException.at(rollout.store().dir(), 0,
                            MlopsMessages.PromoteStep_AlreadyRecorded(recorded.get().status()),
                            MlopsMessages.PromoteStep_AlreadyRecordedFix());
                }
                yield rollout.start(now, actor);
            }
            case CONTINUE -> recorded.isPresent() ? rollout.tick(now) : rollout.start(now, actor);
            case TARGET -> throw new IllegalStateException(action.name()); // answered before a rollout is built
            case RESUME, APPROVE, ABORT -> {
                if (recorded.isEmpty()) {
                    throw BadInputException.at(rollout.store().dir(), 0, MlopsMessages.PromoteStep_NoRollout(),
                            MlopsMessages.PromoteStep_NoRolloutFix());
                }
                yield action == Action.RESUME ? rollout.tick(now)
                        : action == Action.APPROVE ? rollout.approve(now, actor) : rollout.abort(now, actor, reason);
            }
        };
    }
}
