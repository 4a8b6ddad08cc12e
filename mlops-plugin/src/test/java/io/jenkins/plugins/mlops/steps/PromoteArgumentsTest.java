package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.rollout.RolloutCall;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * mlPromote's two front ends take the same arguments and check them the same way: the Pipeline
 * step and the freestyle builder declare exactly the same parameters (so docs/steps.md's one table,
 * checked by StepsDocTest for the step, documents both), and both map them through
 * {@link PromoteArguments}.
 */
public class PromoteArgumentsTest {

    private static Map<String, Class<?>> parameters(Class<?> c) {
        Map<String, Class<?>> parameters = new TreeMap<>();
        for (var k : c.getConstructors()) {
            if (k.isAnnotationPresent(DataBoundConstructor.class)) {
                for (var p : k.getParameters()) {
                    parameters.put(p.getName(), p.getType());
                }
            }
        }
        for (Method m : c.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                parameters.put(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4), m.getParameterTypes()[0]);
            }
        }
        return parameters;
    }

    @Test
    public void theFreestyleTwinTakesExactlyThePipelineStepsParameters() {
        assertThat(parameters(PromoteBuilder.class)).isEqualTo(parameters(PromoteStep.class))
                .containsKeys("plan", "stateDir", "pollSeconds", "resume", "approve", "abort", "reason", "buildResult");
    }

    @Test
    public void bothFrontEndsMapTheSameArgumentsToTheSameCall() {
        PromoteStep step = new PromoteStep(" deploy/plan.yaml ");
        step.setApprove(true);
        step.setPollSeconds(2);
        step.setBuildResult("unstable");
        PromoteBuilder builder = new PromoteBuilder("deploy/plan.yaml");
        builder.setApprove(true);
        builder.setPollSeconds(2);
        builder.setBuildResult("UNSTABLE");

        PromoteArguments args = step.arguments(12);

        assertThat(builder.arguments(12)).isEqualTo(args);
        assertThat(args).isEqualTo(new PromoteArguments("deploy/plan.yaml", ".mlops/rollout-12", 2,
                RolloutCall.Action.APPROVE, null, "UNSTABLE"));
    }

    @Test
    public void defaultsAreAStartWithAStateDirectoryPerBuildAndFiveSecondPolls() {
        PromoteArguments args = new PromoteStep("plan.yaml").arguments(3);
        assertThat(args.action()).isEqualTo(RolloutCall.Action.START);
        assertThat(args.stateDir()).isEqualTo(".mlops/rollout-3");
        assertThat(args.pollSeconds()).isEqualTo(5);
        assertThat(args.buildResult()).isEqualTo("FAILURE");
    }

    @Test
    public void badArgumentsAreRefusedWithTheFieldAndTheFix() {
        assertThatThrownBy(() -> new PromoteStep(" ").arguments(1)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("plan is required").hasMessageContaining("Fix:");
        PromoteStep two = new PromoteStep("p.yaml");
        two.setResume(true);
        two.setAbort(true);
        assertThatThrownBy(() -> two.arguments(1)).hasMessageContaining("at most one");
        PromoteStep poll = new PromoteStep("p.yaml");
        poll.setPollSeconds(0);
        assertThatThrownBy(() -> poll.arguments(1)).hasMessageContaining("pollSeconds");
        assertThatThrownBy(() -> new PromoteStep("../p.yaml").arguments(1)).hasMessageContaining("../p.yaml");
        PromoteStep dir = new PromoteStep("p.yaml");
        dir.setStateDir("/etc/rollout");
        assertThatThrownBy(() -> dir.arguments(1)).hasMessageContaining("/etc/rollout");
        PromoteStep result = new PromoteStep("p.yaml");
        result.setBuildResult("SUCCESS");
        assertThatThrownBy(() -> result.arguments(1)).hasMessageContaining("buildResult");
    }
}
