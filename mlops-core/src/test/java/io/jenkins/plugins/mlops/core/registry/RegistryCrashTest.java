package io.jenkins.plugins.mlops.core.registry;

import static io.jenkins.plugins.mlops.core.registry.RegistryConcurrencyTest.assertRegistryHolds;
import static io.jenkins.plugins.mlops.core.registry.RegistryConcurrencyTest.publisher;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.git;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.modelFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Publishers killed with SIGKILL mid-publish, and foreign writers moving main under a publish. */
public class RegistryCrashTest {
    private static final int TRIALS = 50;
    private static final int PER_ROUND = 10;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @org.junit.After
    public void killLeftoverPublishers() {
        RegistryConcurrencyTest.killAll();
    }

    @Test
    public void fiftySigkilledPublishersLeaveAValidRegistryWithNoHalfPublishedVersion() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Random random = new Random(20261126L);
        Set<String> reported = new HashSet<>();
        int killed = 0;
        for (int round = 0; round < TRIALS / PER_ROUND; round++) {
            List<Process> procs = new ArrayList<>();
            List<Lines> outs = new ArrayList<>();
            for (int i = 0; i < PER_ROUND; i++) {
                Process p = publisher(root, "churn", tmp.newFolder("w" + round + "-" + i).toPath(), 1000, null);
                procs.add(p);
                outs.add(new Lines(p));
            }
            for (Lines out : outs) {
                assertThat(out.ready.await(300, TimeUnit.SECONDS)).as("publisher started").isTrue();
            }
            // kill each at its own random moment while all of them publish
            long t0 = System.nanoTime();
            for (int i = 0; i < PER_ROUND; i++) {
                long wait = random.nextInt(800) - (System.nanoTime() - t0) / 1_000_000;
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                procs.get(i).destroyForcibly(); // SIGKILL
            }
            for (int i = 0; i < PER_ROUND; i++) {
                assertThat(procs.get(i).waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(procs.get(i).exitValue()).isEqualTo(137);
                killed++;
                outs.get(i).reader.join(10_000);
                reported.addAll(outs.get(i).published);
            }
            assertRegistryHolds(root, "churn", reported);
        }
        assertThat(killed).isEqualTo(TRIALS);
        System.out.println("SIGKILL trials: " + killed + ", versions published before the kills: " + reported.size());
        // still writable: locks left by the dead are cleared, the next publish lands
        try (Registry reg = Registry.openLocal(root)) {
            PublishResult after = reg.publish(PublishRequest.of("churn",
                    modelFile(tmp.newFolder("after").toPath(), "m.bin", "after the crashes"), null, Actor.user("ci")));
            assertThat(reg.versions("churn").find(after.version())).isPresent();
            assertThat(reg.verify()).isEmpty();
        }
    }

    /** Collects a publisher's "published VERSION" lines as they come (a killed process's pipe closes). */
    private static final class Lines {
        final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        final List<String> published = java.util.Collections.synchronizedList(new ArrayList<>());
        final Thread reader;

        Lines(Process p) {
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.equals("ready")) {
                            ready.countDown();
                        } else if (line.startsWith("published ")) {
                            published.add(line.split(" ")[1]);
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the process was killed; what was read is kept
                }
            });
            reader.setDaemon(true);
            reader.start();
        }
    }

    @Test
    public void aForeignWriterMovingMainBetweenReadAndCommitIsCaughtByCompareAndSwapAndRetried() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path dir = tmp.newFolder("m").toPath();
        try (Registry reg = Registry.openLocal(root)) {
            reg.publish(PublishRequest.of("churn", modelFile(dir, "a.bin", "1"), null, Actor.user("a")));
            Path git = reg.metadataGitDir();
            boolean[] once = {false};
            reg.beforeCommit(() -> {
                if (once[0]) {
                    return;
                }
                once[0] = true;
                try { // plain git moves main: an empty commit on top, as a person with git could
                    String tree = git(git, "rev-parse", "main^{tree}").output().trim();
                    String commit = git(git, "commit-tree", tree, "-p", "main", "-m", "foreign change").output().trim();
                    assertThat(ObjectId.isId(commit)).as(commit).isTrue();
                    assertThat(git(git, "update-ref", "refs/heads/main", commit).exit()).isZero();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            PublishResult r = reg.publish(PublishRequest.of("churn", modelFile(dir, "a.bin", "2"), null, Actor.user("b")));
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(r.version()).hasToString("1.0.1");
            String log = git(git, "log", "--format=%s", "main").output();
            assertThat(log).containsSubsequence("publish churn 1.0.1", "foreign change", "publish churn 1.0.0");
        }
    }
}
