package io.jenkins.plugins.mlops.cli.rollout;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.cli.RunOption;
import io.jenkins.plugins.mlops.cli.StageRecorder;
import io.jenkins.plugins.mlops.cli.registry.RegistryOption;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.promotion.RegistryPromotion;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.rollout.PromotionFile;
import io.jenkins.plugins.mlops.core.rollout.Rollout;
import io.jenkins.plugins.mlops.core.rollout.RolloutCall;
import io.jenkins.plugins.mlops.core.rollout.RolloutLoop;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlan;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlans;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.RolloutStatus;
import io.jenkins.plugins.mlops.core.rollout.TimelineEvent;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mlops promote --plan P}: drives a progressive rollout to its end (promoted, rolled back,
 * not promoted) or to a pause through core ({@link RolloutCall}, {@link RolloutLoop}), persisting its
 * state after every transition in the state directory, so {@code --resume} after the process died
 * carries on where it stopped. On full promotion the registry's stage moves ({@link RegistryPromotion},
 * actor {@code --user}; whoever approved the paused rollout counts as the stage policy's approval).
 */
@Command(name = "promote", mixinStandardHelpOptions = true,
        description = {"Progressive rollout of a model version: canary steps, blue-green, shadow or A/B,"
            + " judged on live metrics, rolled back automatically (docs/rollout.md).",
            "Exit 0 promoted (or shadow passed), 1 rolled back / not promoted / aborted / paused, 2 bad plan, 3 router or disk failed."})
public final class PromoteCommand implements Callable<Integer> {

    /** --store, and the registry the promotion moves the plan's stage in (--registry, --blobs, --user). */
    @Mixin
    RegistryOption registry;

    @Spec
    CommandSpec spec;

    @Option(names = "--plan", required = true, paramLabel = "FILE", description = "The rollout plan (YAML or JSON).")
    Path plan;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "Where the rollout's state lives (default: STORE/rollouts/MODEL-VERSION).")
    Path stateDir;

    @Option(names = "--resume", description = "Carry on the rollout recorded in the state directory (after a restart).")
    boolean resume;

    @Option(names = "--approve", description = "Let a paused rollout go on (approval step, inconclusive analysis, failed router), then carry on.")
    boolean approve;

    @Option(names = "--abort", description = "Stop the rollout and send all traffic back to stable.")
    boolean abort;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded with --abort).")
    String reason;

    @Option(names = "--once", description = "Make one transition and exit (for a scheduler that calls again).")
    boolean once;

    @Mixin
    RunOption run;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((resume ? 1 : 0) + (approve ? 1 : 0) + (abort ? 1 : 0) > 1) {
            throw BadInputException.at("--resume/--approve/--abort", 0, "give at most one of them", "pick one");
        }
        RolloutPlan rolloutPlan = RolloutPlans.read(plan);
        RunStore runs = registry.storeOption().open();
        Path dir = stateDir != null ? stateDir
                : runs.root().resolve("rollouts").resolve(rolloutPlan.model() + "-" + rolloutPlan.canary().version());
        StageRecorder target = StageRecorder.target(runs, run.id()); // an unknown --run is refused before the rollout starts
        Actor actor = registry.actor();
        Rollout rollout = Rollout.fromPlan(rolloutPlan, dir,
                new PromotionFile(dir, new RegistryPromotion(registry::open, actor.job(), actor.build(), true)));
        RolloutCall rolloutCall = new RolloutCall(RolloutCall.actionOf(resume, approve, abort), actor.user(), reason);
        int[] printed = {0};
        RolloutState state = RolloutLoop.drive(rollout, rolloutCall, once, Clock.systemUTC(),
                d -> Thread.sleep(Math.max(10, d.toMillis())), Duration.ofSeconds(5), s -> printed[0] = print(s, printed[0], err));
        record(target, runs, state, dir, err);
        if (json.requested()) {
            out.println(Json.pretty(state));
        } else {
            out.println(state.summary());
        }
        if (state.status() == RolloutStatus.PAUSED) {
            err.println("mlops: paused. Continue with 'mlops promote --plan " + plan + " --approve', or roll back with --abort.");
        }
        out.flush();
        return state.passed() ? ExitCode.OK.code()
                : state.settled() ? ExitCode.CHECK_FAILED.code() : ExitCode.OK.code();
    }

    /** Prints the events not yet printed; returns how many are printed now. */
    private static int print(RolloutState state, int printed, PrintWriter err) {
        var events = state.events();
        for (int i = printed; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            err.println(e.at() + " [" + e.type() + "] " + e.canaryWeight() + "% " + e.message());
        }
        err.flush();
        return events.size();
    }

    /** Into the run; without one, the reports stay beside the rollout's state. */
    private static void record(StageRecorder target, RunStore runs, RolloutState state, Path dir, PrintWriter err) {
        Instant now = Instant.now();
        if (target.record(state, now).isEmpty()) {
            StageReports.write(state, dir, now);
            err.println("mlops: no run in " + runs.root() + " to record into; the rollout section is in "
                    + dir.resolve("rollout/rollout.html"));
        }
    }
}
