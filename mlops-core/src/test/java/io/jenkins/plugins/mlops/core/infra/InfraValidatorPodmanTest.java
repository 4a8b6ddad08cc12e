package io.jenkins.plugins.mlops.core.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The podman backend with a real image built here (no registry is reachable): `podman import` of a
 * tiny root file system whose CMD starts the real serve.py; the agent's /usr (python3 and
 * scikit-learn) is bind-mounted read-only into the workspace and from there into the container.
 * Skipped where podman or bind mounts are not available.
 */
public class InfraValidatorPodmanTest {
    private static final String IMAGE = "localhost/mlops-infra-test:1";

    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();

    private static ModelServerWorkspace ws;
    private static Path usrMount;
    private InfraValidationResult result;

    @BeforeClass
    public static void buildImageAndTrainOnce() throws Exception {
        Assume.assumeTrue(Files.isExecutable(Path.of("/usr/bin/podman")));
        Assume.assumeTrue("podman: " + new ContainerBackend("podman").unavailableReason(),
                new ContainerBackend("podman").unavailableReason() == null);
        ws = ModelServerWorkspace.create(tmp.newFolder("ws").toPath());
        usrMount = Files.createDirectories(ws.root.resolve("host-usr"));
        Assume.assumeTrue("cannot bind-mount /usr", run(List.of("mount", "--bind", "-o", "ro", "/usr", usrMount.toString())) == 0);
        Path rootfs = tmp.newFolder("rootfs").toPath();
        for (String dir : List.of("usr", "etc", "tmp", "proc", "dev", "sys", "app", "model", "run")) {
            Files.createDirectories(rootfs.resolve(dir));
        }
        for (String link : List.of("bin", "lib", "lib64", "sbin")) {
            Files.createSymbolicLink(rootfs.resolve(link), Path.of("usr/" + link));
        }
        run(List.of("cp", "-a", "/etc/ld.so.cache", "/etc/alternatives", "/etc/passwd", "/etc/group", rootfs.resolve("etc").toString()));
        Path tar = tmp.getRoot().toPath().resolve("rootfs.tar");
        assertThat(run(List.of("tar", "-C", rootfs.toString(), "-cf", tar.toString(), "."))).isZero();
        assertThat(run(List.of("podman", "import", "--change",
                "CMD [\"/usr/bin/python3\", \"/app/serve.py\", \"--model-dir\", \"/model\", \"--port\", \"8501\"]",
                tar.toString(), IMAGE))).isZero();
    }

    @AfterClass
    public static void removeImageAndMount() throws Exception {
        if (usrMount != null) {
            run(List.of("umount", usrMount.toString()));
        }
        if (ws != null) {
            run(List.of("podman", "rmi", "-f", IMAGE));
        }
    }

    private static int run(List<String> argv) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        if (!System.getenv().containsKey("CONTAINERS_CONF")) {
            Path conf = Path.of(System.getProperty("java.io.tmpdir"), "mlops-infra-containers.conf");
            Files.writeString(conf, "[containers]\ndefault_ulimits = [\"nofile=4096:4096\",\"nproc=4096:4096\"]\n[engine]\nruntime = \"runc\"\n");
            b.environment().put("CONTAINERS_CONF", conf.toString());
        }
        Process p = b.start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    @After
    public void nothingLeftBehind() throws Exception {
        if (result != null) {
            Leftover.assertNothingLeft(result);
            ProcessBuilder b = new ProcessBuilder("podman", "ps", "-a", "-q", "--filter", "name=" + result.sandboxId())
                    .redirectErrorStream(true);
            b.environment().put("CONTAINERS_CONF", Path.of(System.getProperty("java.io.tmpdir"), "mlops-infra-containers.conf").toString());
            Process p = b.start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor();
            assertThat(out).as("containers named %s", result.sandboxId()).isEmpty();
        }
    }

    private Path spec(String name, int memoryMb, String env) throws IOException {
        Path spec = ws.root.resolve(name + ".yaml");
        Files.writeString(spec, "image: " + IMAGE + "\nmodelDir: run/model\n"
                + "mounts:\n  - {source: app, target: /app}\n  - {source: host-usr, target: /usr}\n"
                + (env.isEmpty() ? "" : "env: {" + env + "}\n")
                + "sandbox: {backend: auto, memoryMb: " + memoryMb + ", cpus: 1}\n"
                + "readiness: {path: /healthz, maxLoadSeconds: 90, pollIntervalMs: 100}\n"
                + "checks: {file: checks.jsonl}\n");
        return spec;
    }

    @Test
    public void autoPicksPodmanForAnImageAndTheGoodServerIsBlessed() throws Exception {
        result = new InfraValidator().validate(new InfraValidationRequest(spec("podman-good", 512, "").toString(), null,
                ws.root.toString()));
        System.out.println(result.summary());

        assertThat(result.verdict()).as(result.summary() + "\n" + result.serverLog()).isEqualTo("INFRA_BLESSED");
        assertThat(result.backend()).isEqualTo("podman");
        assertThat(result.isolated()).isTrue();
        assertThat(result.checks()).filteredOn(c -> c.kind().equals("request")).hasSize(3).allMatch(Check::passed);
    }

    @Test
    public void memoryHogInAContainerIsReportedAsOutOfMemory() throws Exception {
        result = new InfraValidator().validate(new InfraValidationRequest(spec("podman-hog", 200,
                "FAULT_ALLOCATE_MB: \"400\"").toString(), null, ws.root.toString()));
        System.out.println(result.summary());

        assertThat(result.verdict()).isEqualTo("INFRA_NOT_BLESSED");
        assertThat(result.failureReason()).as(result.serverLog()).startsWith("out of memory");
        assertThat(result.outOfMemory()).isTrue();
    }
}
