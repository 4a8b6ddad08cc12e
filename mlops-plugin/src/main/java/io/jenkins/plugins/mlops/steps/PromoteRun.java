package io.jenkins.plugins.mlops.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.AbortException;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.MlopsPermissions;
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.promotion.RegistryPromotion;
import io.jenkins.plugins.mlops.core.rollout.AnalysisRun;
import io.jenkins.plugins.mlops.core.rollout.MeasuredValue;
import io.jenkins.plugins.mlops.core.rollout.PromotionTarget;
import io.jenkins.plugins.mlops.core.rollout.Rollout;
import io.jenkins.plugins.mlops.core.rollout.RolloutCall;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.RolloutStatus;
import io.jenkins.plugins.mlops.core.rollout.TimelineEvent;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.views.RunPages;
import io.jenkins.plugins.mlops.model.MlopsRunAction;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * mlPromote in one build, the part both front ends share (the Pipeline execution on its own thread,
 * the freestyle builder in the build's thread): drives the rollout with a {@link PromoteDriver}
 * through {@code workspace.act}, logs every transition (step and weight, each analysis with every
 * measured value, the verdict), keeps the build's rollout section and its {@code rollout} stage up to
 * date after each one, and at the end applies {@code buildResult} through {@link StageRecording}.
 */
final class PromoteRun implements PromoteDriver.Progress {
    static final String SYMBOL = "mlPromote";
    /** How long an agent call failing for infrastructure (lost channel, held lock) is retried. */
    static final Duration RETRY_FOR = Duration.ofMinutes(5);
    /** Sleeps between transitions on the driving thread (interruptible: stopping the build interrupts it). */
    private static final Rollout.Sleeper SLEEP = d -> Thread.sleep(Math.max(10, d.toMillis()));

    private final Run<?, ?> run;
    private final FilePath workspace;
    private final TaskListener listener;
    private final PromoteArguments args;
    private final MlopsRunAction action;
    /**
     * Whether the build's user holds MLOps/Promote on the job: asked where the build's authentication
     * is current (the Pipeline step's start on the CPS thread, the freestyle builder's thread), never
     * in Jenkins's Timer threads that drive a Pipeline rollout, which run as SYSTEM.
     */
    private final boolean mayPromote;
    /** After a restart: print only what the first call adds, not the timeline logged before. */
    private boolean skipLoggedEvents;
    private int printed;

    private PromoteRun(Run<?, ?> run, FilePath workspace, TaskListener listener, PromoteArguments args,
                       MlopsRunAction action, boolean mayPromote) {
        this.run = run;
        this.mayPromote = mayPromote;
        this.workspace = workspace;
        this.listener = listener;
        this.args = args;
        this.action = action;
    }

    /**
     * Opens the build's run (a bare one when no mlTrack came first); {@code mayPromote}: whether the
     * build's user holds MLOps/Promote on the job ({@link MlopsPermissions#mayChangeProtected}, asked
     * on a thread that runs as the build's user).
     */
    static PromoteRun open(Run<?, ?> run, FilePath workspace, TaskListener listener, PromoteArguments args,
                           boolean mayPromote) throws IOException, InterruptedException {
        return new PromoteRun(run, workspace, listener, args, StageRecording.runOf(run, workspace), mayPromote);
    }

    /** Says where the rollout lives, with a link to the run page; after a restart, that it carries on. */
    void announce(boolean resumed) throws IOException {
        skipLoggedEvents = resumed;
        listener.getLogger().println(resumed ? MlopsMessages.PromoteStep_Resumed.text(args.stateDir())
                : MlopsMessages.PromoteStep_Started.text(args.plan(), args.stateDir()));
        listener.hyperlink("/" + run.getUrl() + MlopsRunAction.URL_NAME + "/", MlopsMessages.Stage_Link.text());
        listener.getLogger().println();
    }

    /**
     * Before any traffic moves: a rollout whose plan promotes into a protected stage, and the
     * approval of a paused one, need MLOps/Promote on the job (the plan is read on the agent).
     * A rollout carried on after a restart was checked when it started.
     */
    void authorize(RolloutCall.Action first) throws IOException, InterruptedException {
        if (first != RolloutCall.Action.START && first != RolloutCall.Action.APPROVE) {
            return;
        }
        if (first == RolloutCall.Action.APPROVE) {
            MlopsPermissions.checkApproval(run.getParent(), mayPromote);
        }
        MlopsPermissions.checkRollout(run.getParent(), target().stage(), mayPromote);
    }

    private PromoteOnAgent.Target target() throws IOException, InterruptedException {
        AgentOutcome outcome = workspace.act(call(RolloutCall.Action.START).target());
        if (outcome.failed()) {
            throw new AbortException(MlopsMessages.PromoteStep_Failed.text(outcome.problem()));
        }
        return Json.mapper().readValue(outcome.json(), PromoteOnAgent.Target.class);
    }

    PromoteDriver driver() {
        return new PromoteDriver(workspace::act, registry(), this, SLEEP, Clock.systemUTC(),
                Duration.ofSeconds(args.pollSeconds()), RETRY_FOR);
    }

    /**
     * The controller's registry, where core moves the plan's stage once all traffic is on the
     * candidate: on behalf of the build that started the rollout, under the stage's policy, told
     * whether the build's user holds MLOps/Promote; the rollout's approvers are the approvals it counts.
     */
    private PromotionTarget registry() {
        return new RegistryPromotion(() -> MlopsGlobalConfiguration.get().openRegistry(), run.getParent().getFullName(),
                run.getNumber(), mayPromote);
    }

    /**
     * The agent call that makes this rollout's transition {@code action}, by the build that drives the
     * rollout (as its timeline and the promotion record it). An approval is recorded as
     * given by a holder of MLOps/Promote in this build ({@link #authorize} checked it), which is
     * not the build that started the rollout: the registry counts it as the approval a stage's
     * policy asks for. Who the person is, Jenkins knows where it asked (an {@code input} step's
     * submitter, the build's authorization), not here.
     */
    PromoteOnAgent call(RolloutCall.Action action) {
        String who = action == RolloutCall.Action.APPROVE ? MlopsMessages.PromoteStep_Approver.text(run.getFullDisplayName())
                : MlopsMessages.PromoteStep_Actor.text(run.getFullDisplayName());
        return args.first(who, MlopsGlobalConfiguration.get().getPrometheusUrl()).with(action);
    }

    /**
     * Drives the rollout from {@code first} until it is settled, blocking this thread (the
     * freestyle builder), then records it and applies buildResult (see {@link #finish}).
     */
    StageResult drive(RolloutCall.Action first) throws IOException, InterruptedException {
        return finish(driver().drive(call(first)), false);
    }

    /** The build was stopped: all traffic back to stable, recorded (blocking this thread). */
    void abort() throws IOException, InterruptedException {
        stopping();
        aborted(driver().abort(call(RolloutCall.Action.ABORT)));
    }

    void stopping() {
        listener.getLogger().println(MlopsMessages.PromoteStep_Stopping.text());
    }

    /** Records and logs the state an abort ended with. */
    void aborted(RolloutState s) {
        if (s == null) {
            return;
        }
        record(s);
        listener.getLogger().println(MlopsMessages.Stage_Recorded.text(SYMBOL, RolloutState.STAGE, s.verdict(),
                s.summary()));
    }

    /**
     * Records the settled rollout and applies buildResult to one that did not promote. A PAUSED
     * rollout waits for a person: with {@code pauseEndsTheStep} (a Pipeline, whose script gets the
     * verdict and can ask with {@code input}) the step just ends with it; otherwise (freestyle)
     * buildResult applies too.
     */
    StageResult finish(RolloutState s, boolean pauseEndsTheStep) throws IOException {
        StageResult stage = RunPages.writeReports(s, action.runDir());
        boolean paused = s.status() == RolloutStatus.PAUSED;
        if (paused) {
            listener.getLogger().println(MlopsMessages.PromoteStep_Paused.text(s.reason()));
        }
        if (paused && pauseEndsTheStep) {
            action.update(record -> record.withStage(stage));
            listener.getLogger().println(MlopsMessages.Stage_Recorded.text(SYMBOL, stage.stage(), stage.verdict(), stage.summary()));
        } else {
            StageRecording.store(run, action, SYMBOL, List.of(stage), args.buildResult(), listener);
        }
        return stage;
    }

    private void record(RolloutState s) {
        StageResult stage = RunPages.writeReports(s, action.runDir());
        action.update(record -> record.withStage(stage));
    }

    @Override
    public void state(RolloutState s) {
        List<TimelineEvent> events = s.events();
        if (skipLoggedEvents) {
            // events a transition adds carry its time, which is the state's updatedAt
            printed = (int) events.stream().filter(e -> e.at().isBefore(s.updatedAt())).count();
            skipLoggedEvents = false;
        }
        for (int i = printed; i < events.size(); i++) {
            TimelineEvent e = events.get(i);
            listener.getLogger().println(MlopsMessages.PromoteStep_Event.text(e.type(), e.canaryWeight(), e.message()));
            if ("analysis".equals(e.type())) {
                for (AnalysisRun analysis : s.analyses()) {
                    if (analysis.at().equals(e.at())) {
                        analysis.values().forEach(this::logValue);
                    }
                }
            }
        }
        printed = events.size();
        record(s);
    }

    private void logValue(MeasuredValue v) {
        listener.getLogger().println(MlopsMessages.PromoteStep_Value.text(v.metric(), v.subject(),
                v.value() == null ? "-" : String.format(Locale.ROOT, "%.4g", v.value()),
                v.bound() == null ? "" : v.bound(), v.outcome(), v.detail() == null ? "" : v.detail()));
    }

    @Override
    public void retrying(String problem, Duration wait) {
        listener.getLogger().println(MlopsMessages.PromoteStep_Retrying.text(problem, wait.toSeconds()));
    }
}
