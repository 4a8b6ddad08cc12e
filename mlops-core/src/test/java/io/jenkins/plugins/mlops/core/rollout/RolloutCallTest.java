package io.jenkins.plugins.mlops.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The front ends' calls (start, resume, continue, approve, abort) and drive-until-settled, through
 * the real file router, with a clock the sleeper moves on (no real waiting).
 */
public class RolloutCallTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final List<Duration> slept = new ArrayList<>();

    private Rollout rollout(String steps) throws Exception {
        Path root = tmp.getRoot().toPath();
        Path file = root.resolve("plan.yaml");
        Files.writeString(file, """
                model: breast-cancer
                stable: {version: "1.0.0", address: "127.0.0.1:8601"}
                canary: {version: "1.1.0", address: "127.0.0.1:8602"}
                router: {type: file, file: {path: "%s"}}
                steps: %s
                """.formatted(root.resolve("weights.json"), steps));
        RolloutPlan plan = RolloutPlans.read(file);
        return new Rollout(plan, new RolloutStore(root.resolve("state")), new FileRouter(root.resolve("weights.json"), plan),
                Map.of(), p -> Optional.of("recorded"));
    }

    private Clock clock() {
        return new Clock() {
            @Override
            public Instant instant() {
                return now;
            }

            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
    }

    private RolloutState drive(Rollout rollout, RolloutCall call, List<RolloutState> seen) throws Exception {
        return RolloutLoop.drive(rollout, call, false, clock(), d -> {
            slept.add(d);
            now = now.plus(d);
        }, Duration.ofSeconds(5), seen::add);
    }

    @Test
    public void drivingTicksUntilSettledSleepingAsLongAsEachBakeAsksCappedAtThePoll() throws Exception {
        List<RolloutState> seen = new ArrayList<>();
        RolloutState end = drive(rollout("[{weight: 10, bakeSeconds: 3, analysis: false}, {weight: 100, bakeSeconds: 8, analysis: false}]"),
                new RolloutCall(RolloutCall.Action.START, "alice", null), seen);

        assertThat(end.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(seen.get(0).status()).as("the start is seen first").isEqualTo(RolloutStatus.PROGRESSING);
        assertThat(seen.get(seen.size() - 1)).isSameAs(end);
        assertThat(slept).as("3 s of bake, then 8 s in waits of at most 5 s")
                .containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    @Test
    public void anApprovalStepSettlesAsPausedAndApprovingCarriesItOnRecordingTheApprover() throws Exception {
        Rollout rollout = rollout("[{weight: 10, bakeSeconds: 1, analysis: false}, {approval: true}, {weight: 100, bakeSeconds: 1, analysis: false}]");
        RolloutState paused = drive(rollout, new RolloutCall(RolloutCall.Action.START, "alice", null), new ArrayList<>());
        assertThat(paused.status()).isEqualTo(RolloutStatus.PAUSED);

        RolloutState end = drive(rollout, new RolloutCall(RolloutCall.Action.APPROVE, "bob", null), new ArrayList<>());

        assertThat(end.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(end.approvedBy()).containsExactly("bob");
    }

    @Test
    public void startingOverAnUnfinishedRolloutOrCarryingOnNoneIsRefusedWithTheWayOn() throws Exception {
        Rollout rollout = rollout("[{weight: 10, bakeSeconds: 60}]");
        for (RolloutCall.Action action : List.of(RolloutCall.Action.RESUME, RolloutCall.Action.APPROVE, RolloutCall.Action.ABORT)) {
            assertThatThrownBy(() -> new RolloutCall(action, "alice", null).apply(rollout, now))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("no rollout is recorded here");
        }
        new RolloutCall(RolloutCall.Action.START, "alice", null).apply(rollout, now);
        assertThatThrownBy(() -> new RolloutCall(RolloutCall.Action.START, "alice", null).apply(rollout, now))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("unfinished rollout is already recorded here (PROGRESSING)")
                .hasMessageContaining("--resume").hasMessageContaining("resume: true");
        assertThat(new RolloutCall(RolloutCall.Action.CONTINUE, "alice", null).apply(rollout, now).canaryWeight())
                .as("continue carries it on").isEqualTo(10);
    }

    @Test
    public void continueStartsARolloutWhoseStartNeverHappened() throws Exception {
        RolloutState s = new RolloutCall(RolloutCall.Action.CONTINUE, "alice", null).apply(rollout("[{weight: 10}]"), now);
        assertThat(s.startedBy()).isEqualTo("alice");
        assertThat(s.events()).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo("started"));
    }

    @Test
    public void abortingSendsTrafficBackAndTheDriveEndsAborted() throws Exception {
        Rollout rollout = rollout("[{weight: 10, bakeSeconds: 60}]");
        RolloutLoop.drive(rollout, new RolloutCall(RolloutCall.Action.START, "alice", null), true, clock(), d -> { },
                Duration.ofSeconds(5), s -> { });
        RolloutState end = drive(rollout, new RolloutCall(RolloutCall.Action.ABORT, "bob", "wrong model"), new ArrayList<>());
        assertThat(end.status()).isEqualTo(RolloutStatus.ABORTED);
        assertThat(end.reason()).isEqualTo("aborted by bob: wrong model");
        assertThat(end.canaryWeight()).isZero();
    }
}
