package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.kohsuke.stapler.DataBoundSetter;
import org.junit.Test;

/** The freestyle mlMonitor takes exactly the Pipeline step's parameters and hands every one of them on. */
public class MonitorBuilderTest {
    private static Map<String, Class<?>> setters(Class<?> type) {
        Map<String, Class<?>> out = new TreeMap<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                out.put(m.getName(), m.getParameterTypes()[0]);
            }
        }
        return out;
    }

    @Test
    public void theBuilderHasTheStepsParametersAndPassesEachOn() throws Exception {
        assertThat(setters(MonitorBuilder.class)).isEqualTo(setters(MonitorStep.class)).hasSize(16);
        MonitorBuilder builder = new MonitorBuilder("churn", "logs/*.jsonl");
        int i = 0;
        for (Map.Entry<String, Class<?>> setter : setters(MonitorBuilder.class).entrySet()) {
            Class<?> type = setter.getValue();
            Object value = type == String.class ? "v" + i : type == Integer.class ? (Object) (i + 1) : (Object) (i + 0.5);
            MonitorBuilder.class.getMethod(setter.getKey(), type).invoke(builder, value);
            i++;
        }

        MonitorStep step = builder.toStep();

        assertThat(step.getModel()).isEqualTo("churn");
        assertThat(step.getLogs()).isEqualTo("logs/*.jsonl");
        List<String> getters = setters(MonitorStep.class).keySet().stream().map(s -> "get" + s.substring(3)).toList();
        for (String getter : getters) {
            assertThat(MonitorStep.class.getMethod(getter).invoke(step)).as(getter)
                    .isEqualTo(MonitorBuilder.class.getMethod(getter).invoke(builder)).isNotNull();
        }
        assertThat(Arrays.stream(MonitorBuilder.DescriptorImpl.class.getAnnotations())).as("no @Symbol: mlMonitor is the step")
                .noneMatch(a -> a.annotationType().getSimpleName().equals("Symbol"));
    }
}
