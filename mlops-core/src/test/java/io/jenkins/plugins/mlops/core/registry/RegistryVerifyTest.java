package io.jenkins.plugins.mlops.core.registry;

import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.git;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.modelFile;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.RegistryCheck.Problem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlops registry verify}: what it finds, and what {@code --repair} can and cannot fix. */
public class RegistryVerifyTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Actor alice = Actor.user("alice");
    private Path root;
    private Path models;
    private BlobRef first;

    @Before
    public void twoVersionsOneInStaging() throws Exception {
        root = tmp.newFolder("reg").toPath();
        models = tmp.newFolder("models").toPath();
        try (Registry reg = Registry.openLocal(root)) {
            first = reg.publish(PublishRequest.of("churn", modelFile(models.resolve("a"), "model.pkl", "weights one"),
                    null, alice)).files().get(0);
            reg.publish(PublishRequest.of("churn", modelFile(models.resolve("b"), "model.pkl", "weights two"), null, alice));
            reg.setPolicy("staging", new StagePolicy(false, false, 0, false), alice);
            reg.setStage(new StageChangeRequest("churn", "1.0.1", "staging", StageAction.ASSIGN, alice, List.of(),
                    null, true));
        }
    }

    @Test
    public void aHealthyRegistryIsCleanWithEveryBlobRehashed() {
        try (Registry reg = Registry.openLocal(root)) {
            RegistryCheck check = reg.check();
            assertThat(check.problems()).isEmpty();
            assertThat(check.clean()).isTrue();
            assertThat(check.versions()).isEqualTo(2);
            assertThat(check.blobs()).isEqualTo(2);
            assertThat(check.tags()).isEqualTo(3); // churn@v1.0.0, churn@v1.0.1, churn#staging#1
            assertThat(check.reclaimable()).isEqualTo(new RegistryCheck.Reclaimable(0, 0, 0, 0));
        }
    }

    @Test
    public void aDamagedBlobIsNamedWithItsVersionAndPutBackOnlyFromACopyOfTheOriginal() throws Exception {
        Path blob = root.resolve("blobs/sha256").resolve(first.sha256().substring(0, 2)).resolve(first.sha256());
        Files.writeString(blob, "weights 0ne"); // same size, other bytes
        try (Registry reg = Registry.openLocal(root)) {
            assertThat(reg.check().problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo("corrupt-blob");
                assertThat(p.message()).contains(first.sha256(), "churn 1.0.0 file model.pkl", "was altered");
                assertThat(p.fix()).contains("--repair --from DIR");
                assertThat(p.repairable()).isFalse();
            });
            RegistryCheck without = reg.repair(null, alice);
            assertThat(without.problems()).extracting(Problem::kind).containsExactly("corrupt-blob");
            assertThat(without.repaired()).isEmpty();

            RegistryCheck fixed = reg.repair(models, alice); // holds a/model.pkl and b/model.pkl
            assertThat(fixed.repaired()).singleElement().asString().contains("restored blob " + first.sha256(),
                    models.resolve("a/model.pkl").toString());
            assertThat(fixed.problems()).isEmpty();
            assertThat(Files.readString(blob)).isEqualTo("weights one");
        }
    }

    @Test
    public void aMissingBlobIsReportedAndRestoredFromACopy() throws Exception {
        Files.delete(root.resolve("blobs/sha256").resolve(first.sha256().substring(0, 2)).resolve(first.sha256()));
        try (Registry reg = Registry.openLocal(root)) {
            assertThat(reg.verify()).singleElement().asString().contains("is missing from", "churn 1.0.0");
            assertThat(reg.repair(models.resolve("a/model.pkl"), alice).problems()).isEmpty();
        }
    }

    @Test
    public void aDamagedBlobNoVersionNamesIsRemovedByRepairAndAValidOneIsOnlyReclaimable() throws Exception {
        String stray = io.jenkins.plugins.mlops.core.io.Hashing.sha256("left by a refused publish");
        Path strayBlob = root.resolve("blobs/sha256").resolve(stray.substring(0, 2)).resolve(stray);
        Files.createDirectories(strayBlob.getParent());
        Files.writeString(strayBlob, "left by a refused publish");
        String bad = "0".repeat(64);
        Path badBlob = root.resolve("blobs/sha256/00").resolve(bad);
        Files.createDirectories(badBlob.getParent());
        Files.writeString(badBlob, "not what its name says");
        try (Registry reg = Registry.openLocal(root)) {
            RegistryCheck check = reg.check();
            assertThat(check.problems()).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo("corrupt-unreferenced-blob");
                assertThat(p.repairable()).isTrue();
            });
            assertThat(check.reclaimable().blobs()).isEqualTo(1);
            RegistryCheck repaired = reg.repair(null, alice);
            assertThat(repaired.problems()).isEmpty();
            assertThat(repaired.repaired()).singleElement().asString().contains("removed blob " + bad);
            assertThat(badBlob).doesNotExist();
            assertThat(strayBlob).exists(); // valid and unreferenced: gc's business, not a repair's
        }
    }

    @Test
    public void missingTagsAreRecreatedOnTheCommitThatPublishedTheVersion() throws Exception {
        Path gitDir;
        try (Registry reg = Registry.openLocal(root)) {
            gitDir = reg.metadataGitDir();
        }
        String published = git(gitDir, "rev-parse", "churn@v1.0.1^{commit}").output().trim();
        assertThat(git(gitDir, "tag", "-d", "churn@v1.0.1").exit()).isZero();
        assertThat(git(gitDir, "tag", "-d", "churn#staging#1").exit()).isZero();
        try (Registry reg = Registry.openLocal(root)) {
            assertThat(reg.check().problems()).extracting(Problem::subject)
                    .containsExactlyInAnyOrder("churn@v1.0.1", "churn#staging#1");
            RegistryCheck repaired = reg.repair(null, alice);
            assertThat(repaired.problems()).isEmpty();
            assertThat(repaired.repaired()).containsExactlyInAnyOrder("recreated tag churn@v1.0.1",
                    "recreated tag churn#staging#1");
        }
        assertThat(git(gitDir, "rev-parse", "churn@v1.0.1^{commit}").output().trim()).isEqualTo(published);
        assertThat(git(gitDir, "rev-parse", "churn#staging#1^{commit}").output().trim()).isEqualTo(published);
        assertThat(git(gitDir, "log", "-1", "--format=%B", "main").output()).contains("repair the registry",
                "recreated tag churn@v1.0.1", "by: alice");
        assertThat(git(gitDir, "fsck", "--strict").exit()).isZero();
    }

    @Test
    public void anIndexThatLostAVersionIsRebuiltFromTheRecordsInPublicationOrder() throws Exception {
        try (MetaRepo meta = MetaRepo.open(root.resolve("meta.git"), null, null)) {
            MetaRepo.Snapshot snap = meta.snapshot();
            ModelIndex index = Registry.index(snap, "churn");
            ModelIndex damaged = new ModelIndex("churn", index.versions().subList(1, 2)); // 1.0.0 dropped
            assertThat(meta.commit(snap, Map.of(Registry.indexPath("churn"), Registry.compactJson(damaged),
                    Registry.headPath("churn"), "{not json".getBytes(StandardCharsets.UTF_8)), "damage", null, List.of())
                    .committed()).isTrue();
        }
        try (Registry reg = Registry.openLocal(root)) {
            assertThat(reg.check().problems()).extracting(Problem::kind).containsExactlyInAnyOrder("index", "head");
            RegistryCheck repaired = reg.repair(null, alice);
            assertThat(repaired.problems()).isEmpty();
            assertThat(repaired.repaired()).contains("rebuilt models/churn/index.json from 2 version records");
            assertThat(reg.versions("churn").versions()).extracting(e -> e.version().toString())
                    .containsExactly("1.0.0", "1.0.1");
            assertThat(reg.models()).singleElement().satisfies(m -> assertThat(m.versions()).isEqualTo(2));
        }
    }

    @Test
    public void anUnreadableVersionRecordIsReportedAsNotRepairableAndRepairSaysSo() throws Exception {
        try (MetaRepo meta = MetaRepo.open(root.resolve("meta.git"), null, null)) {
            MetaRepo.Snapshot snap = meta.snapshot();
            assertThat(meta.commit(snap, Map.of(Registry.versionPath("churn", SemVer.parse("1.0.0")),
                    "{broken".getBytes(StandardCharsets.UTF_8)), "damage", null, List.of()).committed()).isTrue();
        }
        try (Registry reg = Registry.openLocal(root)) {
            RegistryCheck after = reg.repair(null, alice);
            assertThat(after.clean()).isFalse();
            assertThat(after.problems()).anySatisfy(p -> {
                assertThat(p.kind()).isEqualTo("record");
                assertThat(p.message()).contains("models/churn/versions/1.0.0.json");
                assertThat(p.fix()).contains("cannot be rebuilt");
                assertThat(p.repairable()).isFalse();
            });
        }
    }
}
