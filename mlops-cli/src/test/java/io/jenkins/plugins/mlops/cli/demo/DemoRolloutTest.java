package io.jenkins.plugins.mlops.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.BreastCancerExample;
import io.jenkins.plugins.mlops.core.rollout.MeasuredValue;
import io.jenkins.plugins.mlops.core.rollout.Outcome;
import io.jenkins.plugins.mlops.core.rollout.RolloutStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The demo's rollout stage end to end on loopback: two real serve.py servers of a really trained
 * breast-cancer model, real nginx, real Prometheus, real traffic; after each rollout no process
 * of the stack is left.
 */
public class DemoRolloutTest {
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();
    private static Path example;
    private static Path model;

    @BeforeClass
    public static void trainTheExampleModel() throws Exception {
        example = BreastCancerExample.DIR;
        model = BreastCancerExample.train(tmp.newFolder("trained").toPath());
    }

    @Test
    public void healthyCandidateGoesTenFiftyHundredWithinAMinuteIsPromotedOnceAndLeavesNoProcess() throws Exception {
        List<String> promotions = Collections.synchronizedList(new ArrayList<>());
        StringWriter printed = new StringWriter();
        Path workspace = tmp.newFolder("healthy").toPath();

        DemoRollout.Result result = DemoRollout.promote(workspace, example, "breast-cancer", "1.0.0", model, "1.1.0", model,
                p -> {
                    promotions.add(p.model() + " " + p.version() + " -> " + p.stage());
                    return java.util.Optional.of("recorded");
                }, new PrintWriter(printed));

        System.out.println(printed);
        assertThat(result.status()).as(printed.toString()).isEqualTo(RolloutStatus.PROMOTED);
        assertThat(promotions).containsExactly("breast-cancer 1.1.0 -> production");
        assertThat(result.steps()).extracting(DemoRollout.StepOutcome::weight).containsExactly(10, 50, 100);
        assertThat(result.steps()).allSatisfy(step -> {
            assertThat(step.outcome()).isEqualTo(Outcome.PASSED);
            assertThat(canary(step, "errorRate").value()).isNotNull().isZero();
            assertThat(canary(step, "p99").value()).isNotNull().isPositive().isLessThanOrEqualTo(0.5);
        });
        assertThat(result.took()).isLessThan(Duration.ofSeconds(60));
        assertThat(printed.toString()).contains("rollout step 1/3:  10% canary  PASSED", "rollout step 2/3:  50% canary",
                "rollout step 3/3: 100% canary", "errorRate (canary)", "p99 (canary)", "PROMOTED");
        assertThat(Files.readString(result.reportHtml())).contains("PROMOTED", "10% canary", "50% canary", "p99");
        assertThat(result.reportJson()).exists();
        assertThat(result.stage().passed()).isTrue();
        assertNothingLeftRunning();
    }

    @Test
    public void candidateAnsweringTwentyPercentErrorsIsRolledBackAtTenPercentAndNeverPromoted() throws Exception {
        List<String> promotions = Collections.synchronizedList(new ArrayList<>());
        StringWriter printed = new StringWriter();
        Path workspace = tmp.newFolder("faulty").toPath();

        DemoRollout.Result result = DemoRollout.promote(workspace, example, "breast-cancer", "1.0.0", model, "1.1.0", model,
                p -> {
                    promotions.add(p.version());
                    return java.util.Optional.of("recorded");
                }, new PrintWriter(printed),
                Map.of("FAULT_ERROR_RATE", "0.2"));

        System.out.println(printed);
        assertThat(result.status()).as(printed.toString()).isEqualTo(RolloutStatus.ROLLED_BACK);
        assertThat(promotions).as("the registry is not touched after a rollback").isEmpty();
        assertThat(result.steps()).hasSize(1);
        assertThat(result.steps().get(0).weight()).isEqualTo(10);
        assertThat(result.steps().get(0).outcome()).isEqualTo(Outcome.FAILED);
        MeasuredValue errorRate = canary(result.steps().get(0), "errorRate");
        assertThat(errorRate.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(errorRate.value()).isGreaterThan(0.01);
        assertThat(printed.toString()).contains("rollout step 1/3:  10% canary  FAILED", "ROLLED_BACK");
        assertThat(result.stage().passed()).isFalse();
        assertNothingLeftRunning();
    }

    private static MeasuredValue canary(DemoRollout.StepOutcome step, String metric) {
        return step.measured().stream().filter(v -> v.metric().equals(metric) && v.subject().equals("canary"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + metric + " of the canary in " + step));
    }

    private static void assertNothingLeftRunning() {
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList())
                .as("processes left by the demo stack").isEmpty();
    }
}
