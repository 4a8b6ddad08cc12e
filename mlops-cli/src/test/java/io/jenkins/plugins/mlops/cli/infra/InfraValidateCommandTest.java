package io.jenkins.plugins.mlops.cli.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.cli.MlopsCommand;
import io.jenkins.plugins.mlops.core.infra.BubblewrapBackend;
import io.jenkins.plugins.mlops.core.infra.Leftovers;
import io.jenkins.plugins.mlops.core.infra.ModelServerWorkspace;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlops infra-validate} as a user runs it, against the real model server in bubblewrap. */
public class InfraValidateCommandTest {
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();
    private static ModelServerWorkspace ws;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeClass
    public static void trainOnce() throws Exception {
        Assume.assumeTrue(new BubblewrapBackend().unavailableReason() == null);
        ws = ModelServerWorkspace.create(tmp.newFolder("ws").toPath());
    }

    private int run(String... args) {
        return MlopsCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    public void goodServerExitsZeroPrintsPercentilesAndIsRecordedInTheLatestRun() throws Exception {
        Path storeDir = tmp.newFolder("store").toPath();
        RunStore store = new RunStore(storeDir);
        store.create(new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, "20261126T100000Z-abcdef", "exp", "a",
                RunStatus.RUNNING, Instant.now(), null, null, null, null, null, null, null, null, null, null, null));
        Path spec = ws.spec("cli-good", "bubblewrap", 512, Map.of(),
                "load:\n  request: {method: POST, path: /predict, bodyFile: request.json}\n  requests: 200\n"
                        + "  concurrency: 2\n  budget: {p99Ms: 5000, maxErrorRate: 0}\n");

        int code = run("infra-validate", "--spec", spec.toString(), "--workspace", ws.root.toString(),
                "--store", storeDir.toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + err).isZero();
        assertThat(text).startsWith("INFRA_BLESSED").contains("sandbox:   bubblewrap (isolated)").contains("load time: ")
                .contains("latency:   p50").contains("p99").contains("PASS  isolation: no network egress");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("recorded as stage infraValidation of run 20261126T100000Z-abcdef");
        RunRecord stored = store.read("20261126T100000Z-abcdef");
        assertThat(stored.stages().get("infraValidation").verdict()).isEqualTo("INFRA_BLESSED");
        assertThat(stored.stages().get("infraValidation").details().get("load").get("p99Ms").asDouble()).isPositive();
        for (String report : stored.stages().get("infraValidation").reports()) {
            assertThat(store.runDir("20261126T100000Z-abcdef").resolve(report)).exists();
        }
    }

    @Test
    public void crashingServerExitsOneWithReasonAndLogAsJson() throws Exception {
        Path spec = ws.spec("cli-crash", "bubblewrap", 512, Map.of("FAULT_CRASH_AT_START", "1"), "");

        int code = run("infra-validate", "--spec", ws.root.relativize(spec).toString(), "-w", ws.root.toString(), "--json",
                "--store", tmp.newFolder("empty-store").toString());

        assertThat(code).isEqualTo(1);
        JsonNode json = Json.mapper().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.get("verdict").asText()).isEqualTo("INFRA_NOT_BLESSED");
        assertThat(json.get("failureReason").asText()).startsWith("crashed: the server exited with status 3");
        assertThat(json.get("serverLogTail").toString()).contains("FAULT_CRASH_AT_START");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the result is not recorded");
        assertThat(Leftovers.processes(json.get("sandboxId").asText())).isEmpty();
    }

    @Test
    public void badSpecGivenRelativeToTheWorkspaceExitsTwoNamingTheFieldAndStartsNothing() throws Exception {
        Path spec = ws.root.resolve("bad.yaml");
        Files.writeString(spec, "command: [/bin/true]\nsandbox: {backend: vm}\n");

        int code = run("infra-validate", "--spec", "bad.yaml", "--workspace", ws.root.toString(),
                "--store", tmp.newFolder("s2").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.yaml").contains("field 'sandbox.backend'")
                .contains("Fix:");
    }

    @Test
    public void aSpecOrModelPathLeavingTheWorkspaceIsRefusedWithExitTwo() throws Exception {
        Files.writeString(ws.root.resolve("ok.yaml"), "command: [/bin/true]\n");
        int code = run("infra-validate", "--spec", "../outside.yaml", "--workspace", ws.root.toString(),
                "--store", tmp.newFolder("s3").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("../outside.yaml");
        err.reset();
        code = run("infra-validate", "--spec", "ok.yaml", "--model", "../../etc", "--workspace", ws.root.toString(),
                "--store", tmp.newFolder("s4").toString());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("../../etc");
    }
}
