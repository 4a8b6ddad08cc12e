package io.jenkins.plugins.mlops.core.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class InfraSpecReaderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path write(String name, String text) throws Exception {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    public void minimalSpecGetsTfxLikeDefaults() throws Exception {
        InfraSpec s = InfraSpecReader.read(write("s.yaml", "command: [/usr/bin/python3, /app/serve.py]\nmodelDir: run/model\n"));

        assertThat(s.sandbox().backend()).isEqualTo("auto");
        assertThat(s.sandbox().memoryMb()).isEqualTo(512);
        assertThat(s.readiness().maxLoadSeconds()).isEqualTo(300.0);
        assertThat(s.readiness().pollIntervalMs()).isEqualTo(1000);
        assertThat(s.readiness().path()).isEqualTo("/healthz");
        assertThat(s.port()).isEqualTo(8501);
    }

    @Test
    public void aSiteWideDefaultBackendAppliesOnlyWhereTheSpecNamesNone() throws Exception {
        Path bare = write("bare.yaml", "command: [/bin/true]\nsandbox: {memoryMb: 256}\n");
        assertThat(InfraSpecReader.read(bare).sandbox().backend()).isEqualTo("auto");
        InfraSpec defaulted = InfraSpecReader.read(bare, "bubblewrap");
        assertThat(defaulted.sandbox().backend()).isEqualTo("bubblewrap");
        assertThat(defaulted.sandbox().memoryMb()).as("the rest of the spec's sandbox is kept").isEqualTo(256);
        Path own = write("own.yaml", "command: [/bin/true]\nsandbox: {backend: podman}\n");
        assertThat(InfraSpecReader.read(own, "bubblewrap").sandbox().backend()).isEqualTo("podman");
        assertThatThrownBy(() -> InfraSpecReader.read(bare, "vm")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("sandbox.backend");
    }

    @Test
    public void misspeltFieldIsNamedWithFileAndLine() throws Exception {
        Path spec = write("s.yaml", "command: [/bin/true]\nsandbox:\n  backend: bubblewrap\n  memoryMB: 100\n");

        assertThatThrownBy(() -> InfraSpecReader.read(spec)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("s.yaml:").hasMessageContaining("field 'sandbox.memoryMB'").hasMessageContaining("docs/infra-validation.md");
    }

    @Test
    public void unknownBackendAndBothCommandAndImageAreRefused() throws Exception {
        assertThatThrownBy(() -> InfraSpecReader.read(write("a.yaml", "command: [/bin/true]\nsandbox: {backend: chroot}\n")))
                .hasMessageContaining("field 'sandbox.backend'").hasMessageContaining("auto, podman, docker, bubblewrap, none");
        assertThatThrownBy(() -> InfraSpecReader.read(write("b.yaml", "command: [/bin/true]\nimage: srv:1\n")))
                .hasMessageContaining("either a command or an image");
        assertThatThrownBy(() -> InfraSpecReader.read(write("c.yaml", "port: 8501\n")))
                .hasMessageContaining("neither a server command nor a container image");
        assertThatThrownBy(() -> InfraSpecReader.read(write("d.yaml", "")))
                .hasMessageContaining("the file is empty");
    }

    @Test
    public void loadTestNeedsExactlyOneOfRequestsAndDurationAndSaneBudgets() throws Exception {
        assertThatThrownBy(() -> InfraSpecReader.read(write("a.yaml",
                "command: [/bin/true]\nload: {request: {path: /predict}, requests: 10, durationSeconds: 5}\n")))
                .hasMessageContaining("exactly one of requests and durationSeconds");
        assertThatThrownBy(() -> InfraSpecReader.read(write("b.yaml",
                "command: [/bin/true]\nload: {request: {path: /predict}, requests: 10, budget: {maxErrorRate: 5}}\n")))
                .hasMessageContaining("field 'load.budget.maxErrorRate'");
        assertThatThrownBy(() -> InfraSpecReader.read(write("c.yaml",
                "command: [/bin/true]\nmounts: [{source: app, target: /usr/lib}]\n")))
                .hasMessageContaining("field 'mounts[0].target'");
    }

    @Test
    public void badChecksLineIsReportedWithItsLineNumber() throws Exception {
        Path checks = write("c.jsonl", "# comment\n{\"path\": \"/predict\", \"body\": {}}\n\n{\"path\": \"/predict\", \"expectStatuss\": 200}\n");

        assertThatThrownBy(() -> InfraSpecReader.readChecks(checks)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("c.jsonl:4").hasMessageContaining("expectStatuss");
        Path truncated = write("t.jsonl", "{\"path\": \"/predict\", \"body\": {\"instances\": [[1,\n");
        assertThatThrownBy(() -> InfraSpecReader.readChecks(truncated)).hasMessageContaining("t.jsonl:1");
        Path latin1 = tmp.getRoot().toPath().resolve("l.jsonl");
        Files.write(latin1, "{\"name\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> InfraSpecReader.readChecks(latin1)).hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> InfraSpecReader.readChecks(write("e.jsonl", "\n# only a comment\n")))
                .hasMessageContaining("no request checks");
    }

    @Test
    public void specPathsMayNotLeaveTheWorkspaceAndNothingIsStarted() throws Exception {
        Path spec = write("s.yaml", "command: [/bin/true]\nmodelDir: ../../etc\nsandbox: {backend: none}\n");

        assertThatThrownBy(() -> new InfraValidator().validate(new InfraValidationRequest(spec.toString(), null,
                tmp.getRoot().toString()))).isInstanceOf(BadInputException.class).hasMessageContaining("leads outside");
        assertThat(LiveSandboxes.count()).isZero();
    }
}
