package io.jenkins.plugins.mlops.core.registry;

import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.blessing;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.git;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.hash;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.infra;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.modelFile;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RegistryStageTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final Actor alice = new Actor("alice", "deploy", 3);

    private Registry registryWithTwoVersions() throws Exception {
        Path dir = tmp.newFolder("m").toPath();
        Registry reg = Registry.openLocal(tmp.newFolder("reg").toPath());
        reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "unblessed"),
                run("r1", hash('a'), hash('s'), 0.85, blessing(false), infra(true)), alice));
        reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "blessed"),
                run("r2", hash('b'), hash('s'), 0.91, blessing(true), infra(true)), alice));
        return reg;
    }

    @Test
    public void promotingAnUnblessedVersionToAStageDemandingBlessingIsRefusedWithTheReason() throws Exception {
        try (Registry reg = registryWithTwoVersions()) {
            StageChangeResult r = reg.setStage(StageChangeRequest.assign("churn", "1.0.0", "staging", alice));
            assertThat(r.verdict()).isEqualTo(StageChangeResult.REFUSED);
            assertThat(r.applied()).isFalse();
            assertThat(r.refusals()).singleElement().asString()
                    .contains("requires a blessed version").contains("NOT_BLESSED").contains("short by 0.05");
            assertThat(r.checks()).anySatisfy(c -> {
                assertThat(c.rule()).isEqualTo("blessing");
                assertThat(c.passed()).isFalse();
            });
            assertThat(reg.stages("churn").current("staging")).isEmpty();
            assertThat(reg.tags()).noneMatch(t -> t.contains("#staging#"));
        }
    }

    @Test
    public void productionNeedsBlessingInfraBlessingAnApprovalFromSomeoneElseAndThePermission() throws Exception {
        try (Registry reg = registryWithTwoVersions()) {
            StageChangeRequest req = StageChangeRequest.assign("churn", "1.0.1", "production", alice);
            StageChangeResult selfApproved = reg.setStage(req.withApprovals(List.of("alice")));
            assertThat(selfApproved.verdict()).isEqualTo(StageChangeResult.REFUSED);
            assertThat(selfApproved.refusals()).anyMatch(s -> s.contains("requires 1 approval"));
            StageChangeResult noPermission = reg.setStage(req.withApprovals(List.of("bob")).withProtectedPermission(false));
            assertThat(noPermission.refusals()).singleElement().asString().contains("protected");
            StageChangeResult ok = reg.setStage(req.withApprovals(List.of("bob")));
            assertThat(ok.verdict()).isEqualTo(StageChangeResult.ASSIGNED);
            assertThat(ok.tag()).isEqualTo("churn#production#1");
            assertThat(reg.stages("churn").current("production")).hasValueSatisfying(v -> assertThat(v).hasToString("1.0.1"));
        }
    }

    @Test
    public void stageHistoryIsKeptAndGtoTagsPointAtTheVersionsCommit() throws Exception {
        try (Registry reg = registryWithTwoVersions()) {
            reg.setPolicy("shadow", StagePolicy.open(), alice);
            reg.setStage(StageChangeRequest.assign("churn", "1.0.0", "shadow", alice));
            reg.setStage(StageChangeRequest.assign("churn", "1.0.1", "shadow", alice));
            StageChangeResult off = reg.setStage(new StageChangeRequest("churn", null, "shadow", StageAction.UNASSIGN,
                    alice, List.of(), "done", true));
            assertThat(off.tag()).isEqualTo("churn#shadow!#3");
            StageBook book = reg.stages("churn");
            assertThat(book.events("shadow")).extracting(e -> e.action() + " " + e.version())
                    .containsExactly("ASSIGN 1.0.0", "ASSIGN 1.0.1", "UNASSIGN 1.0.1");
            assertThat(book.current("shadow")).isEmpty();
            Path git = reg.metadataGitDir();
            String versionCommit = git(git, "rev-parse", "churn@v1.0.1^{commit}").output().trim();
            String stageCommit = git(git, "rev-parse", "churn#shadow#2^{commit}").output().trim();
            assertThat(stageCommit).isEqualTo(versionCommit);
            assertThat(git(git, "cat-file", "-t", "churn#shadow#2").output().trim()).isEqualTo("tag");
            assertThat(git(git, "fsck", "--strict").exit()).isZero();
        }
    }

    @Test
    public void baselineGivesTheStagesCurrentVersionsMetricsAndSourceRun() throws Exception {
        try (Registry reg = registryWithTwoVersions()) {
            assertThat(reg.baseline("churn", "staging")).isEmpty();
            reg.setStage(StageChangeRequest.assign("churn", "1.0.1", "staging", alice));
            StageBaseline b = reg.baseline("churn", "staging").orElseThrow();
            assertThat(b.version()).hasToString("1.0.1");
            assertThat(b.sourceRun()).isEqualTo("r2");
            assertThat(b.metrics()).containsEntry("accuracy", 0.91);
            assertThat(b.blessed()).isTrue();
        }
    }

    @Test
    public void registryBaselineSourceFeedsBlessingTheStagesMetricsOrNothingForAnEmptyStage() throws Exception {
        Path store = tmp.newFolder("store").toPath();
        Path dir = tmp.newFolder("m2").toPath();
        try (Registry reg = Registry.openLocal(store.resolve("registry"))) {
            reg.publish(PublishRequest.of("churn", modelFile(dir, "a.pkl", "x"),
                    run("r9", hash('a'), hash('s'), 0.93, blessing(true)), alice));
            reg.setStage(StageChangeRequest.assign("churn", "1.0.0", "staging", alice));
        }
        RegistryBaselineSource staging = new RegistryBaselineSource(null, store.toString(), null, "churn", "staging");
        assertThat(staging.load()).hasValueSatisfying(b -> {
            assertThat(b.metrics()).containsEntry("accuracy", 0.93);
            assertThat(b.description()).contains("1.0.0").contains("r9");
        });
        assertThat(new RegistryBaselineSource(null, store.toString(), null, "churn", "production").load()).isEmpty();
    }

    @Test
    public void lineageQueriesUpstreamTrainedOnAndDiffWithDeltas() throws Exception {
        try (Registry reg = registryWithTwoVersions()) {
            LineageGraph g = reg.upstream("churn", "1.0.1");
            assertThat(g.nodes()).extracting(LineageGraph.Node::id).contains("version:1.0.1", "version:1.0.0",
                    "run:r1", "run:r2", "dataset:" + hash('a'), "dataset:" + hash('b'));
            assertThat(g.edges()).contains(new LineageGraph.Edge("version:1.0.0", "version:1.0.1", "parent-of"));
            assertThat(reg.trainedOn(hash('a'))).extracting(u -> u.version().toString()).containsExactly("1.0.0");
            assertThat(reg.trainedOn(hash('b').substring(0, 10))).extracting(u -> u.sourceRun()).containsExactly("r2");
            VersionDiff d = reg.diff("churn", "1.0.0", "1.0.1");
            assertThat(d.metrics()).singleElement().satisfies(m -> {
                assertThat(m.name()).isEqualTo("accuracy");
                assertThat(m.delta()).isCloseTo(0.06, org.assertj.core.data.Offset.offset(1e-9));
            });
            assertThat(d.datasets()).singleElement().satisfies(c -> assertThat(c.changed()).isTrue());
            assertThat(d.code().changed()).isFalse();
            assertThat(d.files()).singleElement().satisfies(c -> assertThat(c.changed()).isTrue());
        }
    }

    @Test
    public void aTamperedBlobIsRefusedOnDownloadWithAClearErrorAndNothingIsWritten() throws Exception {
        try (Registry reg = registryWithTwoVersions()) {
            BlobRef f = reg.show("churn", "1.0.1").files().get(0);
            Path blob = reg.blobs().pathOf(f.sha256());
            blob.toFile().setWritable(true);
            Files.writeString(blob, "blessed-but-altered");
            Path out = tmp.newFolder("out").toPath();
            assertThatThrownBy(() -> reg.download("churn", "1.0.1", out))
                    .isInstanceOf(CorruptBlobException.class)
                    .hasMessageContaining("was altered")
                    .hasMessageContaining(f.sha256())
                    .hasMessageContaining("churn 1.0.1 file a.pkl");
            try (var files = Files.list(out)) {
                assertThat(files).isEmpty();
            }
            assertThat(reg.verify()).singleElement().asString().contains("was altered");
        }
    }
}
