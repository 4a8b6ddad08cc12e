package io.jenkins.plugins.mlops.core.registry;

import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.blessing;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.git;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.hash;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.modelFile;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A registry shared through a bare repository served by the real {@code git daemon} on loopback. */
public class RegistryRemoteTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Process daemon;
    private String url;
    private Path bare;

    @Before
    public void startGitDaemon() throws Exception {
        Path base = tmp.newFolder("served").toPath();
        bare = base.resolve("registry.git");
        Process init = new ProcessBuilder("git", "init", "--bare", "-q", "-b", "main", bare.toString())
                .redirectErrorStream(true).start();
        assertThat(init.waitFor()).isZero();
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        daemon = new ProcessBuilder("git", "daemon", "--export-all", "--enable=receive-pack", "--reuseaddr",
                "--informative-errors", "--base-path=" + base, "--listen=127.0.0.1", "--port=" + port, base.toString())
                .redirectErrorStream(true).redirectOutput(tmp.newFile("daemon.log")).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                break;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !daemon.isAlive()) {
                    throw new IllegalStateException("git daemon did not start: " + Files.readString(tmp.getRoot()
                            .toPath().resolve("daemon.log")));
                }
                Thread.sleep(50);
            }
        }
        url = "git://127.0.0.1:" + port + "/registry.git";
    }

    @After
    public void stopGitDaemon() throws Exception {
        if (daemon != null) {
            daemon.descendants().forEach(ProcessHandle::destroyForcibly);
            daemon.destroyForcibly();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    public void pushAndPullThroughGitDaemonAndAConflictingConcurrentUpdateIsResolvedByFetchAndRetry() throws Exception {
        Path blobs = tmp.newFolder("shared-blobs").toPath();
        Path dir = tmp.newFolder("m").toPath();
        try (Registry a = Registry.openRemote(url, tmp.newFolder("cache-a").toPath(), blobs, null);
             Registry b = Registry.openRemote(url, tmp.newFolder("cache-b").toPath(), blobs, null)) {
            PublishResult first = a.publish(PublishRequest.of("churn", modelFile(dir, "a.bin", "from controller A"),
                    run("r1", hash('a'), hash('s'), 0.9, blessing(true)), Actor.user("a")));
            assertThat(first.version()).hasToString("1.0.0");

            b.pull();
            assertThat(b.versions("churn").versions()).extracting(e -> e.version().toString()).containsExactly("1.0.0");
            Path out = tmp.newFolder("out").toPath();
            b.download("churn", "1.0.0", out);
            assertThat(Files.readString(out.resolve("a.bin"))).isEqualTo("from controller A");

            // A prepares 1.0.1 from what it read; B pushes its own 1.0.1 first; A's push is refused,
            // A fetches, re-proposes and lands 1.0.2
            Path fromBFile = modelFile(dir, "b.bin", "from B");
            boolean[] once = {false};
            a.beforeCommit(() -> {
                if (!once[0]) {
                    once[0] = true;
                    PublishResult fromB = b.publish(PublishRequest.of("churn", fromBFile, run("r2", hash('a'), hash('s'), 0.9),
                            Actor.user("b")));
                    assertThat(fromB.version()).hasToString("1.0.1");
                }
            });
            PublishResult second = a.publish(PublishRequest.of("churn", modelFile(dir, "a2.bin", "A again"),
                    run("r3", hash('a'), hash('s'), 0.9),
                    Actor.user("a")));
            assertThat(second.attempts()).isEqualTo(2);
            assertThat(second.version()).hasToString("1.0.2");
            assertThat(second.parent()).hasToString("1.0.1");

            StageChangeResult staged = b.setStage(StageChangeRequest.assign("churn", "1.0.0", "staging", Actor.user("b")));
            assertThat(staged.applied()).isTrue();
            a.pull();
            assertThat(a.stages("churn").current("staging")).hasValueSatisfying(v -> assertThat(v).hasToString("1.0.0"));
            assertThat(a.versions("churn").versions()).hasSize(3);
        }
        // what plain Git sees on the server: linear history, GTO tags, fsck clean
        var log = git(bare, "log", "--format=%s", "main");
        assertThat(log.output().lines().toList()).containsExactly("assign churn 1.0.0 to staging",
                "publish churn 1.0.2", "publish churn 1.0.1", "publish churn 1.0.0");
        assertThat(git(bare, "tag", "-l").output().lines().toList())
                .containsExactlyInAnyOrder("churn@v1.0.0", "churn@v1.0.1", "churn@v1.0.2", "churn#staging#1");
        assertThat(git(bare, "fsck", "--strict").exit()).isZero();
        Path clone = tmp.getRoot().toPath().resolve("clone");
        Process p = new ProcessBuilder("git", "clone", "-q", url, clone.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        assertThat(Files.readString(clone.resolve("models/churn/index.json"))).contains("\"1.0.2\"");
        assertThat(List.of(Files.readString(clone.resolve("models/churn/stages.json")))).anyMatch(s -> s.contains("staging"));
    }
}
