package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * mlInfraValidate's agent side, run for real: a real server (Python's http.server) in a real
 * bubblewrap sandbox, the callable crossing a serialization round trip; an interrupted callable
 * (a build aborted in Jenkins) leaves no process behind.
 */
public class InfraValidateOnAgentTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static InfraValidateOnAgent overTheWire(InfraValidateOnAgent callable) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(callable);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (InfraValidateOnAgent) in.readObject();
        }
    }

    private Path workspace(String command, String readiness) throws IOException {
        Path ws = tmp.newFolder("ws").toPath();
        Files.createDirectories(ws.resolve("out/model"));
        Files.writeString(ws.resolve("out/model/model.txt"), "weights");
        Files.createDirectories(ws.resolve("infra"));
        Files.writeString(ws.resolve("infra/spec.yaml"), "command: " + command + "\n"
                + "sandbox: {backend: bubblewrap, memoryMb: 256, cpus: 1}\n" + readiness);
        return ws;
    }

    @Test
    public void aServerThatGetsReadyInTheSandboxIsInfraBlessedAndItsReportsAreStored() throws Exception {
        Path ws = workspace("[\"/usr/bin/python3\", \"-m\", \"http.server\", \"${PORT}\", \"--directory\", \"/model\"]",
                "readiness: {path: /model.txt, maxLoadSeconds: 60, pollIntervalMs: 100}\n");
        InfraValidateStep step = new InfraValidateStep("infra/spec.yaml");
        step.setModelDir("out/model");

        StageAnswer outcome = overTheWire(step.onAgent(null)).invoke(ws.toFile(), null);
        assertThat(outcome.problem()).isNull();
        Path runDir = tmp.newFolder("build", "mlops").toPath();
        StageResult stage = outcome.stagesWrittenTo(runDir).get(0);

        assertThat(stage.stage()).isEqualTo("infraValidation");
        assertThat(stage.verdict()).as(stage.summary()).isEqualTo("INFRA_BLESSED");
        assertThat(stage.reports()).allSatisfy(r -> assertThat(runDir.resolve(r)).isRegularFile());
        assertThat(Files.readString(runDir.resolve("infra-validation/junit.xml"))).contains("testcase");
    }

    @Test
    public void aSpecWithAnErrorIsBadInputNamingItAndStartsNothing() throws Exception {
        Path ws = workspace("[\"/usr/bin/true\"]", "readyness: {path: /}\n");
        StageAnswer outcome = new InfraValidateStep("infra/spec.yaml").onAgent(null).invoke(ws.toFile(), null);
        assertThat(outcome.failed()).isTrue();
        assertThat(outcome.exitCode()).isEqualTo(2);
        assertThat(outcome.problem()).contains("spec.yaml").contains("readyness");
    }

    @Test
    public void anInterruptedCallableTearsTheSandboxDownAndLetsTheInterruptThrough() throws Exception {
        String marker = "mlops-abort-" + UUID.randomUUID();
        Path ws = workspace("[\"/usr/bin/python3\", \"-c\", \"import time; time.sleep(300)\", \"" + marker + "\"]",
                "readiness: {path: /healthz, maxLoadSeconds: 300, pollIntervalMs: 100}\n");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<StageAnswer> returned = new AtomicReference<>();
        InfraValidateOnAgent callable = overTheWire(new InfraValidateStep("infra/spec.yaml").onAgent(null));
        Thread build = new Thread(() -> {
            try {
                returned.set(callable.invoke(ws.toFile(), null));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        build.start();
        long deadline = System.currentTimeMillis() + 30_000;
        while (processesWith(marker).isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(processesWith(marker)).as("the server was started in its sandbox").isNotEmpty();

        build.interrupt(); // what Jenkins (through remoting) does to the agent's thread when a build is aborted
        build.join(30_000);

        assertThat(build.isAlive()).isFalse();
        assertThat(returned.get()).isNull();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(processesWith(marker)).as("processes left after the abort").isEmpty();
    }

    /** Pids whose command line holds {@code marker}. */
    private static List<String> processesWith(String marker) throws IOException {
        List<String> pids = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmdline.contains(marker)) {
                        pids.add(p.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the process ended while we looked
                }
            }
        }
        return pids;
    }
}
