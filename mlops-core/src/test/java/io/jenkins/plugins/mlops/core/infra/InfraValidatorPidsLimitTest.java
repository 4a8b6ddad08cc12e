package io.jenkins.plugins.mlops.core.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A server that forks past the sandbox's process limit is reported as stopped by that limit, naming it, in a real bubblewrap sandbox. */
public class InfraValidatorPidsLimitTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void aServerStoppedByThePidsLimitIsReportedNamingTheLimit() throws Exception {
        Assume.assumeTrue("bubblewrap unavailable: " + new BubblewrapBackend().unavailableReason(),
                new BubblewrapBackend().unavailableReason() == null);
        Path root = tmp.getRoot().toPath();
        // 40 background sleeps under a limit of 16: the shell's fork fails and it exits
        Path spec = root.resolve("forker.yaml");
        Files.writeString(spec, """
                command: ["/bin/sh", "-c", "i=0; while [ $i -lt 40 ]; do sleep 30 & i=$((i+1)); done; wait"]
                port: 8080
                sandbox: {backend: bubblewrap, memoryMb: 128, cpus: 1, pids: 16}
                readiness: {path: /healthz, maxLoadSeconds: 10, pollIntervalMs: 100}
                """);
        InfraValidationResult r = new InfraValidator().validate(new InfraValidationRequest(spec.toString(), null, root.toString()));

        assertThat(r.verdict()).isEqualTo("INFRA_NOT_BLESSED");
        assertThat(r.failureReason()).as(r.summary()).contains("process limit (sandbox.pids: 16)").contains("Fix: raise sandbox.pids");
        Leftover.assertNothingLeft(r);
    }
}
