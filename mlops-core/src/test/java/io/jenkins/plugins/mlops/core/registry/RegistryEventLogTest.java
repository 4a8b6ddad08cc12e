package io.jenkins.plugins.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.registry.event.EventCursor;
import io.jenkins.plugins.mlops.core.registry.event.EventDispatch;
import io.jenkins.plugins.mlops.core.registry.event.RegistryEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The registry's event log: what triggers and {@code mlops registry watch} read. */
public class RegistryEventLogTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final Actor ALICE = Actor.user("alice");

    @After
    public void killLeftoverPublishers() {
        RegistryConcurrencyTest.killAll();
    }

    private PublishResult publish(Registry reg, String model, String content) throws Exception {
        return reg.publish(PublishRequest.of(model, RegistryFixtures.modelFile(tmp.newFolder().toPath(), "m.pkl", content),
                null, ALICE));
    }

    private static StageChangeResult stage(Registry reg, String model, String version, String stage, StageAction action) {
        return reg.setStage(new StageChangeRequest(model, version, stage, action, ALICE, List.of("bob"), "looks good", true));
    }

    private static List<String> kinds(List<RegistryEvent> events) {
        return events.stream().map(e -> e.seq() + " " + e.model() + " " + e.version() + " " + e.kind()).toList();
    }

    private static MonitoringRecord check(String verdict, String summary) {
        return new MonitoringRecord(Instant.parse("2026-12-06T12:00:00Z"), verdict, summary, null, null, 0,
                Map.of(), Map.of(), Map.of(), null, Map.of(), Map.of(), ALICE);
    }

    @Test
    public void everyChangeLogsItsEventWithTheNextNumberAndARefusedChangeLogsNone() throws Exception {
        try (Registry reg = Registry.openLocal(tmp.newFolder("reg").toPath())) {
            assertThat(reg.lastEventSeq()).isZero();
            publish(reg, "churn", "one");
            publish(reg, "churn", "two");
            stage(reg, "churn", "1.0.0", "archived", StageAction.ASSIGN);
            // production needs a blessed, infra-blessed version: refused, and so not an event
            assertThat(stage(reg, "churn", "1.0.1", "production", StageAction.ASSIGN).applied()).isFalse();
            stage(reg, "churn", "1.0.0", "archived", StageAction.UNASSIGN);
            RegistryEvent drift = reg.recordMonitoring("churn", "1.0.1", check("DRIFT", "feature age drifted: 0.31 > 0.1")).orElseThrow();
            // a window without rows keeps its check and starts nothing
            assertThat(reg.recordMonitoring("churn", "1.0.1", check("NO_DATA", "no predictions in the window"))).isEmpty();

            assertThat(kinds(reg.events(0))).containsExactly("1 churn 1.0.0 published", "2 churn 1.0.1 published",
                    "3 churn 1.0.0 stage:archived", "4 churn 1.0.0 unstage:archived", "5 churn 1.0.1 monitor:DRIFT");
            assertThat(drift.seq()).isEqualTo(5);
            assertThat(reg.lastEventSeq()).isEqualTo(5);
            assertThat(kinds(reg.events(3))).containsExactly("4 churn 1.0.0 unstage:archived", "5 churn 1.0.1 monitor:DRIFT");
            assertThat(reg.events(5)).isEmpty();
            RegistryEvent staged = reg.events(2).get(0);
            assertThat(staged.cause()).isEqualTo("assigned by alice, approved by bob: looks good");
            assertThat(staged.describe()).isEqualTo("churn 1.0.0 entered stage archived (event #3)");
            assertThat(reg.events(0).get(0).cause()).isEqualTo("published by alice");
            assertThat(reg.verify()).isEmpty();
        }
    }

    @Test
    public void theChangeAndItsEventAreOneCommit() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        try (Registry reg = Registry.openLocal(root)) {
            publish(reg, "churn", "one");
            stage(reg, "churn", "1.0.0", "archived", StageAction.ASSIGN);
            Path git = reg.metadataGitDir();
            // each commit adds the change's files and its event line together
            String publishCommit = RegistryFixtures.git(git, "log", "--format=%H", "--", "models/churn/versions/1.0.0.json")
                    .output().trim();
            String stageCommit = RegistryFixtures.git(git, "log", "-1", "--format=%H", "--", "models/churn/stages.json")
                    .output().trim();
            assertThat(RegistryFixtures.git(git, "show", "--name-only", "--format=", publishCommit).output())
                    .contains("events/000000000001.jsonl");
            assertThat(RegistryFixtures.git(git, "show", "--format=", stageCommit, "--", "events").output())
                    .contains("+{\"seq\":2,\"model\":\"churn\",\"version\":\"1.0.0\",\"kind\":\"stage:archived\"");
        }
    }

    @Test
    public void aMonitoringVerdictIsRefusedForAnUnknownVersionOrVerdictAndLogsNothing() throws Exception {
        try (Registry reg = Registry.openLocal(tmp.newFolder("reg").toPath())) {
            publish(reg, "churn", "one");
            assertThatThrownBy(() -> reg.recordMonitoring("churn", "9.9.9", check("DRIFT", "")))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("churn has no version 9.9.9");
            assertThatThrownBy(() -> reg.recordMonitoring("churn", "1.0.0", check("SO-SO", "")))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("give one of OK, DRIFT, DEGRADED");
            assertThat(reg.lastEventSeq()).isEqualTo(1);
        }
    }

    @Test
    public void aBulkPublishSpillsIntoNewSegmentsAndReadersFindEveryEventAfterAnyNumber() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path models = tmp.newFolder("models").toPath();
        List<PublishRequest> requests = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            requests.add(PublishRequest.of("bulk", RegistryFixtures.modelFile(models, "m" + i + ".pkl", "model " + i), null, ALICE));
        }
        try (Registry reg = Registry.openLocal(root)) {
            reg.publishAll(requests);
            publish(reg, "bulk", "one more");

            assertThat(reg.lastEventSeq()).isEqualTo(251);
            assertThat(reg.events(0)).extracting(RegistryEvent::seq).containsExactlyElementsOf(range(1, 251));
            assertThat(reg.events(99)).extracting(RegistryEvent::seq).containsExactlyElementsOf(range(100, 251));
            assertThat(reg.events(100)).extracting(RegistryEvent::seq).containsExactlyElementsOf(range(101, 251));
            assertThat(reg.events(250)).extracting(RegistryEvent::version).containsExactly("1.0.250");
            assertThat(RegistryFixtures.git(reg.metadataGitDir(), "ls-tree", "--name-only", "main", "events/").output())
                    .isEqualTo("events/000000000001.jsonl\nevents/000000000101.jsonl\nevents/000000000201.jsonl\n");
        }
    }

    private static List<Long> range(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(i);
        }
        return out;
    }

    @Test
    public void twoProcessesPublishingAtOnceGiveEveryVersionOneEventNumberedWithoutGapOrRepeat() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path go = tmp.getRoot().toPath().resolve("go");
        List<Process> publishers = new ArrayList<>();
        for (int p = 0; p < 2; p++) {
            publishers.add(RegistryConcurrencyTest.publisher(root, "shared", tmp.newFolder("work" + p).toPath(), 10, go));
        }
        for (Process p : publishers) { // both warmed up and waiting
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
                assertThat(line).as("publisher output before ready").doesNotContain("Exception");
            }
        }
        Files.createFile(go);
        for (Process p : publishers) {
            p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).isZero();
        }

        try (Registry reg = Registry.openLocal(root)) {
            List<RegistryEvent> events = reg.events(0);
            assertThat(events).extracting(RegistryEvent::seq).containsExactlyElementsOf(range(1, 22));
            List<RegistryEvent> shared = events.stream().filter(e -> e.model().equals("shared")).toList();
            Set<String> versions = new HashSet<>();
            shared.forEach(e -> versions.add(e.version()));
            assertThat(shared).hasSize(20);
            assertThat(versions).hasSize(20).isEqualTo(new HashSet<>(reg.versions("shared").versions().stream()
                    .map(v -> v.version().toString()).toList()));
            assertThat(events).allMatch(e -> e.kind().equals("published"));
        }
    }

    /** Writes {@code segment} as the log's first segment, as a hand edit or a tool that died halfway would. */
    private static void overwriteSegment(Path root, String content) {
        try (MetaRepo meta = MetaRepo.open(root.resolve("meta.git"), null, null)) {
            MetaRepo.Snapshot snap = meta.snapshot();
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put("events/000000000001.jsonl", content.getBytes(StandardCharsets.UTF_8));
            assertThat(meta.commit(snap, files, "hand edit", null, List.of()).committed()).isTrue();
        }
    }

    @Test
    public void aTornLastLineIsSkippedByReadersAndDroppedByTheNextAppend() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        String segment;
        try (Registry reg = Registry.openLocal(root)) {
            publish(reg, "churn", "one");
            publish(reg, "churn", "two");
            segment = new String(MetaRepo.open(root.resolve("meta.git"), null, null).snapshot()
                    .read("events/000000000001.jsonl").orElseThrow(), StandardCharsets.UTF_8);
        }
        String[] lines = segment.split("\n");
        overwriteSegment(root, lines[0] + "\n" + lines[1].substring(0, lines[1].length() / 2)); // line 2 cut short

        try (Registry reg = Registry.openLocal(root)) {
            assertThat(kinds(reg.events(0))).containsExactly("1 churn 1.0.0 published");
            assertThat(reg.lastEventSeq()).isEqualTo(1);
            stage(reg, "churn", "1.0.1", "archived", StageAction.ASSIGN);

            assertThat(kinds(reg.events(0))).containsExactly("1 churn 1.0.0 published", "2 churn 1.0.1 stage:archived");
            String repaired = new String(MetaRepo.open(root.resolve("meta.git"), null, null).snapshot()
                    .read("events/000000000001.jsonl").orElseThrow(), StandardCharsets.UTF_8);
            assertThat(repaired).startsWith(lines[0] + "\n{\"seq\":2,").endsWith("\n").hasLineCount(2);
        }
    }

    @Test
    public void aDamagedLineBeforeTheLastIsRefusedWithItsFileAndLine() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        try (Registry reg = Registry.openLocal(root)) {
            publish(reg, "churn", "one");
            publish(reg, "churn", "two");
        }
        overwriteSegment(root, "{not an event\n{\"seq\":2,\"model\":\"churn\",\"version\":\"1.0.1\",\"kind\":\"published\"}\n");
        try (Registry reg = Registry.openLocal(root)) {
            assertThatThrownBy(() -> reg.events(0)).isInstanceOf(InfrastructureException.class)
                    .hasMessageContaining("events/000000000001.jsonl line 1 is damaged")
                    .hasMessageContaining("git log -p -- events/000000000001.jsonl");
        }
    }

    @Test
    public void aReaderRestartedFromItsCursorNeitherMissesNorRepeatsAndKnowsWhatWasCutShort() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path cursorFile = tmp.getRoot().toPath().resolve("watch.cursor");
        try (Registry reg = Registry.openLocal(root)) {
            publish(reg, "churn", "one");            // #1: before the watcher existed
            EventCursor first = EventCursor.open(cursorFile, "churn", "published", reg.lastEventSeq());
            assertThat(first.pending(reg.events(first.seq()))).isEmpty();
            publish(reg, "churn", "two");            // #2
            publish(reg, "other", "x");              // #3: another model
            publish(reg, "churn", "three");          // #4
            List<RegistryEvent> pending = first.pending(reg.events(first.seq()));
            assertThat(kinds(pending)).containsExactly("2 churn 1.0.1 published", "4 churn 1.0.2 published");
            first.starting(pending.get(0));
            first.handledThrough(pending.get(0).seq());
            first.starting(pending.get(1));            // ... and the watcher is killed while #4 is handled

            EventCursor second = EventCursor.open(cursorFile, "churn", "published", reg.lastEventSeq());
            assertThat(second.interrupted()).hasValue(4);
            assertThat(kinds(second.pending(reg.events(second.seq())))).containsExactly("4 churn 1.0.2 published");
            second.handledThrough(4);
            publish(reg, "churn", "four");           // #5

            EventCursor third = EventCursor.open(cursorFile, "churn", "published", 0);
            assertThat(third.interrupted()).isEmpty();
            assertThat(kinds(third.pending(reg.events(third.seq())))).containsExactly("5 churn 1.0.3 published");
            assertThatThrownBy(() -> EventCursor.open(cursorFile, "churn", "stage:production", 0))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("give each watcher its own --cursor file");
        }
    }

    /** A job as a trigger sees it: its builds and its queue, by event number. */
    private static final class FakeJob implements EventDispatch.Jobs {
        final List<Long> builds = new ArrayList<>();
        final List<Long> queue = new ArrayList<>();
        boolean disabled;

        @Override
        public boolean built(long seq) {
            return builds.contains(seq);
        }

        @Override
        public boolean queued(long seq) {
            return queue.contains(seq);
        }

        @Override
        public boolean queue(RegistryEvent e) {
            if (!disabled) {
                queue.add(e.seq());
            }
            return !disabled;
        }

        void startAll() {
            builds.addAll(queue);
            queue.clear();
        }
    }

    @Test
    public void aTriggerMovesItsCursorOnlyOverStartedBuildsSoACrashNeitherLosesNorDoublesAnEvent() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path cursorFile = tmp.getRoot().toPath().resolve("trigger.cursor");
        long[] now = {0};
        try (Registry reg = Registry.openLocal(root)) {
            publish(reg, "churn", "one");
            FakeJob job = new FakeJob();
            EventDispatch life1 = new EventDispatch(java.time.Duration.ofSeconds(60), () -> now[0]);
            EventCursor cursor = EventCursor.open(cursorFile, "churn", "published", reg.lastEventSeq());
            publish(reg, "churn", "two");   // #2
            publish(reg, "churn", "three"); // #3

            assertThat(life1.dispatch(reg.events(cursor.seq()), cursor, job)).as("one at a time, in order")
                    .extracting(RegistryEvent::seq).containsExactly(2L);
            assertThat(cursor.seq()).as("queued is not started").isEqualTo(1);
            assertThat(life1.dispatch(reg.events(cursor.seq()), cursor, job)).as("queued once; #3 waits for #2's build").isEmpty();
            job.startAll(); // #2 leaves the queue and builds
            assertThat(life1.dispatch(reg.events(cursor.seq()), cursor, job)).extracting(RegistryEvent::seq).containsExactly(3L);
            job.queue.clear(); // #3 leaves the queue too, but its build is not visible yet
            assertThat(life1.dispatch(reg.events(cursor.seq()), cursor, job)).as("not queued twice in one life").isEmpty();
            assertThat(cursor.seq()).isEqualTo(2);

            // the controller is killed now: #3's build never made it to disk, and the queue lost it
            FakeJob afterRestart = new FakeJob();
            afterRestart.builds.add(2L);
            EventDispatch life2 = new EventDispatch(java.time.Duration.ofSeconds(60), () -> now[0]);
            EventCursor reopened = EventCursor.open(cursorFile, "churn", "published", 0);
            assertThat(life2.dispatch(reg.events(reopened.seq()), reopened, afterRestart)).extracting(RegistryEvent::seq)
                    .containsExactly(3L);
            afterRestart.startAll();
            assertThat(life2.dispatch(reg.events(reopened.seq()), reopened, afterRestart)).isEmpty();
            assertThat(reopened.seq()).isEqualTo(3);
            assertThat(afterRestart.builds).containsExactly(2L, 3L);

            // a queued build someone cancels counts as handled after the grace time, and is not started again
            publish(reg, "churn", "four"); // #4
            life2.dispatch(reg.events(reopened.seq()), reopened, afterRestart);
            afterRestart.queue.clear();
            now[0] += java.time.Duration.ofSeconds(61).toNanos();
            assertThat(life2.dispatch(reg.events(reopened.seq()), reopened, afterRestart)).isEmpty();
            assertThat(reopened.seq()).isEqualTo(4);

            // a disabled job drops the event
            afterRestart.disabled = true;
            publish(reg, "churn", "five"); // #5
            assertThat(life2.dispatch(reg.events(reopened.seq()), reopened, afterRestart)).isEmpty();
            assertThat(reopened.seq()).isEqualTo(5);
        }
    }
}
