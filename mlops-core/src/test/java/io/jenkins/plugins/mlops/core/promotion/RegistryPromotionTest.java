package io.jenkins.plugins.mlops.core.promotion;

import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.blessing;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.hash;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.infra;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.modelFile;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.PublishRequest;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.StageEvent;
import io.jenkins.plugins.mlops.core.rollout.FileRouter;
import io.jenkins.plugins.mlops.core.rollout.Rollout;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlan;
import io.jenkins.plugins.mlops.core.rollout.RolloutPlans;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.rollout.RolloutStatus;
import io.jenkins.plugins.mlops.core.rollout.RolloutStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A rollout into the registry's production stage under its default policy (blessed, infra-blessed,
 * one approval from someone other than the actor, protected), through a real registry (JGit) and
 * the real file router, tick by tick with explicit times.
 */
public class RegistryPromotionTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path registryDir;
    private Path root;
    private final Instant t0 = Instant.parse("2026-11-26T12:00:00Z");

    @Before
    public void publish() throws Exception {
        root = tmp.getRoot().toPath();
        registryDir = tmp.newFolder("registry").toPath();
        Path models = tmp.newFolder("models").toPath();
        try (Registry reg = Registry.openLocal(registryDir)) {
            reg.publish(PublishRequest.of("churn", modelFile(models, "m.pkl", "one"),
                    run("r1", hash('a'), hash('s'), 0.90, blessing(true), infra(true)), Actor.user("ci")));
            reg.publish(PublishRequest.of("churn", modelFile(models, "m.pkl", "two"),
                    run("r2", hash('a'), hash('s'), 0.91, blessing(true), infra(true)), Actor.user("ci")));
        }
    }

    private Rollout rollout(String canary, boolean mayChangeProtected) throws Exception {
        Path file = root.resolve("plan-" + canary + ".yaml");
        Files.writeString(file, """
                model: churn
                stable: {version: "1.0.0", address: "127.0.0.1:8601"}
                canary: {version: "%s", address: "127.0.0.1:8602"}
                router: {type: file, file: {path: "%s"}}
                steps: [{weight: 100, bakeSeconds: 1, analysis: false}]
                """.formatted(canary, root.resolve("weights.json")));
        RolloutPlan plan = RolloutPlans.read(file);
        return new Rollout(plan, new RolloutStore(root.resolve("state-" + canary)), new FileRouter(root.resolve("weights.json"), plan),
                Map.of(), new RegistryPromotion(() -> Registry.openLocal(registryDir), "deploy", 4, mayChangeProtected));
    }

    /** Start, apply the one step, pass it after its bake, begin promoting, then the promoting tick. */
    private RolloutState toPromotion(Rollout rollout) {
        rollout.start(t0, "alice");
        rollout.tick(t0);
        rollout.tick(t0.plusSeconds(1));
        rollout.tick(t0.plusSeconds(2));
        return rollout.tick(t0.plusSeconds(3));
    }

    private List<StageEvent> productionEvents() {
        try (Registry reg = Registry.openLocal(registryDir)) {
            return reg.stages("churn").events("production");
        }
    }

    @Test
    public void productionWithoutAnApprovalPausesSayingHowToApproveAndAnotherPersonsApprovalMovesTheStage() throws Exception {
        Rollout rollout = rollout("1.0.1", true);

        RolloutState refused = toPromotion(rollout);

        assertThat(refused.status()).isEqualTo(RolloutStatus.PAUSED);
        assertThat(refused.canaryWeight()).as("traffic stays on the candidate").isEqualTo(100);
        assertThat(refused.reason()).contains("registry refused to move stage 'production'",
                "requires 1 approval(s) from people other than alice, got 0", "approves the paused rollout");
        assertThat(productionEvents()).isEmpty();

        rollout.approve(t0.plusSeconds(10), "alice");
        assertThat(rollout.tick(t0.plusSeconds(10)).status()).as("approving one's own rollout is not an approval")
                .isEqualTo(RolloutStatus.PAUSED);
        rollout.approve(t0.plusSeconds(20), "bob");
        RolloutState promoted = rollout.tick(t0.plusSeconds(20));

        assertThat(promoted.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(productionEvents()).singleElement().satisfies(e -> {
            assertThat(e.version()).hasToString("1.0.1");
            assertThat(e.actor()).isEqualTo(new Actor("alice", "deploy", 4));
            assertThat(e.approvals()).contains("bob");
        });
        assertThat(promoted.events().get(promoted.events().size() - 1).message())
                .contains("churn 1.0.1 assigned to production", "approved by alice, bob");
    }

    @Test
    public void theMoveIsIdempotentAStageAlreadyHoldingTheVersionIsLeftAsItIs() throws Exception {
        RegistryPromotion target = new RegistryPromotion(() -> Registry.openLocal(registryDir), null, null, true);
        var promotion = new io.jenkins.plugins.mlops.core.rollout.Promotion("churn", "1.0.1", "production", "alice",
                List.of("bob"));
        assertThat(target.promote(promotion)).hasValueSatisfying(s -> assertThat(s).contains("assigned to production"));
        assertThat(target.promote(promotion)).hasValueSatisfying(s -> assertThat(s).contains("already holds 1.0.1"));
        assertThat(productionEvents()).hasSize(1);
    }

    @Test
    public void withoutThePromotePermissionAProtectedStageRefusesAndTheRolloutPauses() throws Exception {
        RolloutState refused = toPromotion(rollout("1.0.1", false));
        assertThat(refused.status()).isEqualTo(RolloutStatus.PAUSED);
        assertThat(refused.reason()).contains("protected");
        assertThat(productionEvents()).isEmpty();
    }

    @Test
    public void aVersionTheRegistryDoesNotHoldIsPromotedInTrafficAndTheTimelineSaysSo() throws Exception {
        RolloutState promoted = toPromotion(rollout("9.9.9", true));

        assertThat(promoted.status()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(promoted.events().get(promoted.events().size() - 1).message())
                .contains("churn 9.9.9 is not in the model registry", "no registry stage moved");
        assertThat(productionEvents()).isEmpty();
    }
}
