package io.jenkins.plugins.mlops.core.registry;

import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.blessing;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.git;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.hash;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.infra;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.modelFile;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RegistryPublishTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Actor alice = new Actor("alice", "train-churn", 7);

    @Test
    public void firstPublishIsOneZeroZeroWithLineageBlobTagAndCommitAuthoredByTheActor() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path model = modelFile(tmp.newFolder("m").toPath(), "model.pkl", "weights-1");
        try (Registry reg = Registry.openLocal(root)) {
            PublishResult r = reg.publish(PublishRequest.of("churn", model,
                    run("r1", hash('a'), hash('s'), 0.9, blessing(true)), alice));
            assertThat(r.version()).hasToString("1.0.0");
            assertThat(r.bump()).isEqualTo(VersionBump.FIRST);
            assertThat(r.files()).singleElement().satisfies(f -> {
                assertThat(f.path()).isEqualTo("model.pkl");
                assertThat(reg.blobs().contains(f.sha256())).isTrue();
            });
            VersionRecord v = reg.show("churn", "1.0.0");
            assertThat(v.lineage().sourceRun()).isEqualTo("r1");
            assertThat(v.lineage().ciUrl()).contains("train-churn/7");
            assertThat(v.lineage().codeCommit()).startsWith("c0ffee");
            assertThat(v.lineage().datasets()).singleElement().extracting(d -> d.sha256()).isEqualTo(hash('a'));
            assertThat(v.lineage().schemaHash()).isEqualTo(hash('s'));
            assertThat(v.lineage().stages()).containsKey("blessing");
            assertThat(v.lineage().metrics()).containsEntry("accuracy", 0.9);
            assertThat(reg.tags()).contains("churn@v1.0.0");
            StageResult stored = StageReports.record(r);
            assertThat(stored.stage()).isEqualTo("publish");
            assertThat(stored.details().get("version").asText()).isEqualTo("1.0.0");
            var log = git(reg.metadataGitDir(), "log", "--format=%an|%s", "main");
            assertThat(log.output()).contains("alice via train-churn #7|publish churn 1.0.0");
            assertThat(git(reg.metadataGitDir(), "fsck", "--strict").exit()).isZero();
        }
    }

    @Test
    public void versionsAreProposedFromLineageMajorOnSchemaChangeMinorOnImprovementElsePipeline() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path dir = tmp.newFolder("m").toPath();
        try (Registry reg = Registry.openLocal(root)) {
            reg.setPrimaryMetric("accuracy", true, alice);
            reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "1"), run("r1", hash('a'), hash('s'), 0.80), alice));
            PublishResult same = reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "2"),
                    run("r2", hash('a'), hash('s'), 0.80), alice));
            assertThat(same.version()).hasToString("1.0.1");
            assertThat(same.bump()).isEqualTo(VersionBump.PIPELINE);
            PublishResult better = reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "3"),
                    run("r3", hash('b'), hash('s'), 0.85), alice));
            assertThat(better.version()).hasToString("1.1.0");
            assertThat(better.bump()).isEqualTo(VersionBump.MINOR);
            assertThat(better.bumpReason()).contains("accuracy improved");
            PublishResult schema = reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "4"),
                    run("r4", hash('c'), hash('t'), 0.70), alice));
            assertThat(schema.version()).hasToString("2.0.0");
            assertThat(schema.bump()).isEqualTo(VersionBump.MAJOR);
            PublishRequest labelChanged = new PublishRequest("churn", modelFile(dir, "a.pkl", "5"),
                    run("r5", hash('c'), hash('t'), 0.70), alice, null, null, "churned-within-90-days", null);
            assertThat(reg.publish(labelChanged).version()).hasToString("3.0.0");
            PublishResult chosen = reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "6"),
                    run("r6", hash('c'), hash('t'), 0.70), alice).withVersion("7.0.0"));
            assertThat(chosen.bump()).isEqualTo(VersionBump.OVERRIDE);
            assertThat(chosen.bumpReason()).contains("proposed");
        }
    }

    @Test
    public void blessingDetailsImprovedFlagDecidesMinorOverThePrimaryMetric() throws Exception {
        Path dir = tmp.newFolder("m").toPath();
        try (Registry reg = Registry.openLocal(tmp.newFolder("reg").toPath())) {
            reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "1"), run("r1", hash('a'), hash('s'), 0.8), alice));
            StageResult improved = blessing(true);
            ((com.fasterxml.jackson.databind.node.ObjectNode) improved.details()).put("improved", true);
            PublishResult r = reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "2"),
                    run("r2", hash('a'), hash('s'), 0.8, improved), alice));
            assertThat(r.bump()).isEqualTo(VersionBump.MINOR);
            assertThat(r.version()).hasToString("1.1.0");
        }
    }

    @Test
    public void aPublishedVersionIsImmutable() throws Exception {
        Path dir = tmp.newFolder("m").toPath();
        try (Registry reg = Registry.openLocal(tmp.newFolder("reg").toPath())) {
            reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "1"), null, alice));
            assertThatThrownBy(() -> reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "2"), null, alice)
                    .withVersion("1.0.0")))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("immutable");
            assertThat(reg.versions("churn").versions()).hasSize(1);
            Path out = tmp.newFolder("out").toPath();
            reg.download("churn", "1.0.0", out);
            assertThat(Files.readString(out.resolve("a.pkl"))).isEqualTo("1");
        }
    }

    @Test
    public void badNamesAndPathsAreRefusedWithAFixAndNothingIsWritten() throws Exception {
        Path dir = tmp.newFolder("m").toPath();
        Path model = modelFile(dir, "a.pkl", "1");
        try (Registry reg = Registry.openLocal(tmp.newFolder("reg").toPath())) {
            assertThatThrownBy(() -> reg.publish(PublishRequest.of("<script>", model, null, alice)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("Fix:");
            assertThatThrownBy(() -> reg.publish(PublishRequest.of("../etc", model, null, alice)))
                    .isInstanceOf(BadInputException.class);
            assertThatThrownBy(() -> reg.publish(PublishRequest.of("churn", dir.resolve("missing.pkl"), null, alice)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("does not exist");
            assertThatThrownBy(() -> reg.publish(PublishRequest.of("churn", model, null, alice).withVersion("one")))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("MAJOR.MINOR.PIPELINE");
            assertThat(reg.models()).isEmpty();
        }
    }

    @Test
    public void aRefusedPublishStoresNoBlobAnExistingVersionAMissingParentOrALinkInTheModel() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path dir = tmp.newFolder("m").toPath();
        try (Registry reg = Registry.openLocal(root)) {
            reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "1"), null, alice));
            List<Path> before = filesUnder(root.resolve("blobs"));
            Path fresh = modelFile(dir, "b.pkl", "new bytes, never stored");
            assertThatThrownBy(() -> reg.publish(PublishRequest.of("churn", fresh, null, alice).withVersion("1.0.0")))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("version: churn 1.0.0 is published already");
            assertThatThrownBy(() -> reg.publish(PublishRequest.of("churn", fresh, null, alice).withParent("0.9.0")))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("parent: model churn has no version 0.9.0");
            Path linked = tmp.newFolder("linked").toPath();
            modelFile(linked, "a-first.bin", "stored first if files were stored one by one");
            Files.createSymbolicLink(linked.resolve("b-weights"), tmp.newFolder("outside").toPath());
            assertThatThrownBy(() -> reg.publish(PublishRequest.of("churn", linked, null, alice)))
                    .isInstanceOf(BadInputException.class).hasMessageContaining("b-weights: is a link (to ")
                    .hasMessageContaining("Fix: copy the real file or directory into the model directory");
            assertThat(filesUnder(root.resolve("blobs"))).containsExactlyInAnyOrderElementsOf(before);
            assertThat(reg.versions("churn").versions()).hasSize(1);
            assertThat(reg.check().reclaimable()).isEqualTo(new RegistryCheck.Reclaimable(0, 0, 0, 0));
        }
    }

    @Test
    public void gcRemovesBlobsNoVersionNamesAndUnfinishedPartsButKeepsEveryPublishedBlob() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path dir = tmp.newFolder("m").toPath();
        try (Registry reg = Registry.openLocal(root)) {
            PublishResult kept = reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "kept"), null, alice));
            BlobRef orphan = reg.blobs().put(modelFile(dir, "o.pkl", "put by a publish that died before its commit"),
                    "o.pkl");
            Path part = root.resolve("blobs/tmp/0b1c2d.part");
            Files.writeString(part, "half a model");
            RegistryCheck before = reg.check();
            assertThat(before.problems()).isEmpty();
            assertThat(before.reclaimable()).isEqualTo(new RegistryCheck.Reclaimable(1, orphan.bytes(), 1, 12));
            GcResult gc = reg.gc();
            assertThat(gc.blobsRemoved()).isEqualTo(1);
            assertThat(gc.blobBytes()).isEqualTo(orphan.bytes());
            assertThat(gc.partsRemoved()).isEqualTo(1);
            assertThat(gc.removed()).containsExactlyInAnyOrder(reg.blobs().pathOf(orphan.sha256()).toString(),
                    part.toString());
            assertThat(reg.blobs().contains(kept.files().get(0).sha256())).isTrue();
            RegistryCheck after = reg.check();
            assertThat(after.problems()).isEmpty();
            assertThat(after.reclaimable()).isEqualTo(new RegistryCheck.Reclaimable(0, 0, 0, 0));
        }
    }

    @Test
    public void gcWaitsForAPublishThatHasStoredItsBlobsButNotCommittedAndThenKeepsThem() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path model = modelFile(tmp.newFolder("m").toPath(), "a.pkl", "committed after gc has started");
        try (Registry reg = Registry.openLocal(root)) {
            java.util.concurrent.CountDownLatch stored = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch gcStarted = new java.util.concurrent.CountDownLatch(1);
            reg.beforeCommit(() -> { // blobs are stored, the version is not committed yet
                stored.countDown();
                try {
                    gcStarted.await();
                    Thread.sleep(300); // gc, if it did not wait, would delete the blob now
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            var publish = java.util.concurrent.CompletableFuture.supplyAsync(() ->
                    reg.publish(PublishRequest.of("churn", model, null, alice)));
            stored.await();
            var gc = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                gcStarted.countDown();
                try (Registry other = Registry.openLocal(root)) {
                    return other.gc();
                }
            });
            PublishResult r = publish.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(gc.get(60, java.util.concurrent.TimeUnit.SECONDS).blobsRemoved()).isZero();
            assertThat(reg.blobs().contains(r.files().get(0).sha256())).isTrue();
            assertThat(reg.check().problems()).isEmpty();
        }
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (var walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p) && !p.getFileName().toString().equals("gc.lock")).toList();
        }
    }

    @Test
    public void aModelDirectoryIsPublishedFileByFileAndDownloadedIntact() throws Exception {
        Path dir = tmp.newFolder("model").toPath();
        modelFile(dir, "model.json", "{}");
        modelFile(dir.resolve("weights"), "layer1.bin", "abc");
        try (Registry reg = Registry.openLocal(tmp.newFolder("reg").toPath())) {
            PublishResult r = reg.publish(PublishRequest.of("churn", dir, null, alice));
            assertThat(r.files()).extracting(BlobRef::path).containsExactly("model.json", "weights/layer1.bin");
            Path out = tmp.newFolder("out").toPath();
            List<Path> files = reg.download("churn", "1.0.0", out);
            assertThat(files).hasSize(2);
            assertThat(Files.readString(out.resolve("weights/layer1.bin"))).isEqualTo("abc");
        }
    }

    @Test
    public void aVersionWithOneAlteredFileIsDownloadedAllOrNothingLeavingNoFileAndNoDirectoryItMade() throws Exception {
        Path dir = tmp.newFolder("model").toPath();
        modelFile(dir, "a.json", "{}");
        modelFile(dir.resolve("weights"), "z.bin", "abc");
        try (Registry reg = Registry.openLocal(tmp.newFolder("reg").toPath())) {
            PublishResult r = reg.publish(PublishRequest.of("churn", dir, null, alice));
            // the second file is altered: the first one verifies and would already be written file by file
            Path blob = reg.blobs().pathOf(r.files().get(1).sha256());
            blob.toFile().setWritable(true);
            Files.writeString(blob, "tampered");
            Path fresh = tmp.getRoot().toPath().resolve("fresh");
            assertThatThrownBy(() -> reg.download("churn", "1.0.0", fresh)).isInstanceOf(CorruptBlobException.class)
                    .hasMessageContaining("weights/z.bin");
            assertThat(fresh).doesNotExist();
            Path existing = tmp.newFolder("existing").toPath();
            modelFile(existing, "keep.txt", "mine");
            assertThatThrownBy(() -> reg.download("churn", "1.0.0", existing)).isInstanceOf(CorruptBlobException.class);
            try (var left = Files.list(existing)) {
                assertThat(left).containsExactly(existing.resolve("keep.txt"));
            }
        }
    }
}
