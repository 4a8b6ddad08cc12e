package io.jenkins.plugins.mlops.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.MlopsCommand;
import io.jenkins.plugins.mlops.cli.Main;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.PublishRequest;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.StageAction;
import io.jenkins.plugins.mlops.core.registry.StageChangeRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlops registry watch} running a real command per event, as a user or a cron job runs it. */
public class RegistryWatchCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path store;
    private Path handled;
    private int published;

    private record Outcome(int exit, String out, String err) {
    }

    private Outcome mlops(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MlopsCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The watcher's command: appends what it was told to {@code handled}. */
    private List<String> watch(String on, String... more) {
        List<String> args = new ArrayList<>(List.of("registry", "watch", "churn", "--on", on, "--store", store.toString()));
        args.addAll(List.of(more));
        args.addAll(List.of("--", "sh", "-c", "echo \"$MLOPS_EVENT_SEQ $MLOPS_EVENT_MODEL $MLOPS_EVENT_VERSION "
                + "$MLOPS_EVENT_KIND retry=${MLOPS_EVENT_RETRY:-0} [$MLOPS_EVENT_CAUSE]\" >> '" + handled + "'; "
                + "echo handled $MLOPS_EVENT_VERSION"));
        return args;
    }

    private Outcome watchOnce(String on) {
        return mlops(watch(on, "--once").toArray(String[]::new));
    }

    private void publish(String model) throws Exception {
        Path file = tmp.newFolder().toPath().resolve("m.pkl");
        Files.writeString(file, "model " + published++);
        try (Registry reg = Registry.openLocal(store.resolve("registry"))) {
            reg.publish(PublishRequest.of(model, file, null, Actor.user("alice")));
        }
    }

    private void archive(String version) {
        try (Registry reg = Registry.openLocal(store.resolve("registry"))) {
            reg.setStage(new StageChangeRequest("churn", version, "archived", StageAction.ASSIGN, Actor.user("bob"),
                    List.of(), "superseded", true));
        }
    }

    private List<String> handledLines() throws Exception {
        return Files.exists(handled) ? Files.readAllLines(handled) : List.of();
    }

    @Before
    public void setUp() throws Exception {
        store = tmp.newFolder("store").toPath();
        handled = tmp.getRoot().toPath().resolve("handled.txt");
        publish("churn"); // #1, before any watcher
    }

    @Test
    public void theCommandRunsOncePerMatchingEventWithTheEventInItsEnvironmentAndNeverAgain() throws Exception {
        Outcome first = watchOnce("published");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("watching churn for published after event #1");
        assertThat(handledLines()).as("what happened before the first watch is not replayed").isEmpty();

        publish("churn");   // #2
        publish("other");   // #3: another model
        archive("1.0.0");   // #4: another kind
        publish("churn");   // #5
        Outcome second = watchOnce("published");

        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(handledLines()).containsExactly("2 churn 1.0.1 published retry=0 [published by alice]",
                "5 churn 1.0.2 published retry=0 [published by alice]");
        assertThat(second.out()).contains("event #2: churn 1.0.1 was published (event #2) - published by alice",
                "handled 1.0.1", "event #5: command exited 0");

        assertThat(watchOnce("published").exit()).isZero();
        assertThat(handledLines()).as("a second run repeats nothing").hasSize(2);

        Outcome staged = mlops(watch("stage:archived", "--once", "--from", "0").toArray(String[]::new));
        assertThat(staged.exit()).as(staged.err()).isZero();
        assertThat(handledLines()).last().isEqualTo("4 churn 1.0.0 stage:archived retry=0 [assigned by bob: superseded]");
    }

    @Test
    public void aFailingCommandIsReportedAndTheRunExits1WithoutRepeatingTheEvent() throws Exception {
        watchOnce("published");
        publish("churn");
        Outcome failed = mlops("registry", "watch", "churn", "--on", "published", "--store", store.toString(), "--once",
                "--", "sh", "-c", "echo deploy failed; exit 4");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out()).contains("deploy failed", "event #2: command exited 4");
        assertThat(watchOnce("published").out()).doesNotContain("event #2:");
    }

    @Test
    public void aBadEventOrModelIsRefusedWithExit2AndNoCursorIsWritten() {
        Outcome noSuchKind = watchOnce("deployed");
        assertThat(noSuchKind.exit()).isEqualTo(2);
        assertThat(noSuchKind.err()).contains("--on: 'deployed' is not an event").contains("stage:NAME");
        Outcome badStage = watchOnce("stage:Prod uction");
        assertThat(badStage.exit()).isEqualTo(2);
        assertThat(badStage.err()).contains("--on: 'stage:Prod uction' is not an event");
        Outcome unknownModel = mlops("registry", "watch", "churm", "--on", "published", "--store", store.toString(),
                "--once", "--", "true");
        assertThat(unknownModel.exit()).isEqualTo(2);
        assertThat(unknownModel.err()).contains("no model 'churm' in the registry").contains("mlops registry list");
        assertThat(store.resolve("watch")).doesNotExist();
    }

    @Test
    public void aWatcherKilledWhileItsCommandRunsRunsThatEventAgainOnceAndLosesNothing() throws Exception {
        watchOnce("published");
        publish("churn"); // #2: its command is cut short
        Path started = tmp.getRoot().toPath().resolve("started");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "registry", "watch", "churn",
                "--on", "published", "--store", store.toString(), "--interval", "1", "--", "sh", "-c",
                "echo \"$MLOPS_EVENT_SEQ retry=${MLOPS_EVENT_RETRY:-0}\" >> '" + started + "'; sleep 30"));
        Process watcher = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.getRoot().toPath().resolve("watcher.log").toFile()).start();
        try {
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); !Files.exists(started); Thread.sleep(50)) {
                assertThat(System.nanoTime()).as("the command started within 60 s").isLessThan(deadline);
            }
        } finally {
            watcher.destroyForcibly(); // kill -9 of the watcher while its command runs
            watcher.waitFor(30, TimeUnit.SECONDS);
        }
        publish("churn"); // #3, while no watcher runs

        Outcome restarted = watchOnce("published");

        assertThat(restarted.exit()).as(restarted.err()).isZero();
        assertThat(restarted.out()).contains("event #2 was being handled when the watcher stopped: running its command again");
        assertThat(handledLines()).containsExactly("2 churn 1.0.1 published retry=1 [published by alice]",
                "3 churn 1.0.2 published retry=0 [published by alice]");
        assertThat(watchOnce("published").out()).doesNotContain("command exited");
    }
}
