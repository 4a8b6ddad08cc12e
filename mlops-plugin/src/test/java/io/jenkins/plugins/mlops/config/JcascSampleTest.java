package io.jenkins.plugins.mlops.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.io.Json;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import org.jenkinsci.Symbol;
import org.junit.Test;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The configuration-as-code sample in docs/jenkins-configuration.md is what JCasC would apply to
 * MlopsGlobalConfiguration: it sits under {@code unclassified:} and the configuration's
 * {@code @Symbol}; its keys are exactly the configuration's {@code @DataBoundSetter} properties
 * (each with a getter, so JCasC can export it); every value passes the field's form check.
 */
public class JcascSampleTest {
    private static final String MARKER = "<!-- jcasc-sample -->";

    static JsonNode sample() throws Exception {
        Path doc = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).getParent()
                .resolve("docs/jenkins-configuration.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int at = text.indexOf(MARKER);
        assertThat(at).as(MARKER + " in " + doc).isNotNegative();
        int start = text.indexOf("```yaml\n", at) + "```yaml\n".length();
        String yaml = text.substring(start, text.indexOf("```", start));
        return Json.yaml().readTree(yaml);
    }

    static TreeSet<String> setterProperties(Class<?> type) {
        TreeSet<String> properties = new TreeSet<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(DataBoundSetter.class)) {
                properties.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
            }
        }
        return properties;
    }

    @Test
    public void theSampleSitsUnderUnclassifiedAndTheConfigurationsSymbol() throws Exception {
        String symbol = MlopsGlobalConfiguration.class.getAnnotation(Symbol.class).value()[0];
        assertThat(symbol).isEqualTo("mlops");
        assertThat(sample().path("unclassified").path(symbol).isObject()).isTrue();
        assertThat(sample().size()).isEqualTo(1);
    }

    @Test
    public void theSampleKeysAreExactlyTheConfigurationsSettersEachWithAGetter() throws Exception {
        JsonNode mlops = sample().path("unclassified").path("mlops");
        TreeSet<String> keys = new TreeSet<>();
        mlops.fieldNames().forEachRemaining(keys::add);
        TreeSet<String> setters = setterProperties(MlopsGlobalConfiguration.class);
        assertThat(setters).containsExactly("credentialsId", "prometheusUrl", "protectedStages", "registry", "sandbox",
                "sparkLauncher");
        assertThat(keys).isEqualTo(setters);
        for (String property : setters) {
            Method getter = MlopsGlobalConfiguration.class.getMethod(
                    "get" + Character.toUpperCase(property.charAt(0)) + property.substring(1));
            assertThat(getter.getReturnType()).as(property).isEqualTo(String.class);
        }
    }

    @Test
    public void everySampleValuePassesItsFormCheck() throws Exception {
        JsonNode mlops = sample().path("unclassified").path("mlops");
        Map<String, Function<String, String>> checks = Map.of(
                "registry", ConfigChecks::registry,
                "sandbox", ConfigChecks::sandbox,
                "prometheusUrl", ConfigChecks::prometheusUrl,
                "protectedStages", ConfigChecks::protectedStages,
                "sparkLauncher", ConfigChecks::sparkLauncher);
        List<String> checked = new ArrayList<>();
        for (var check : checks.entrySet()) {
            assertThat(check.getValue().apply(mlops.path(check.getKey()).asText())).as(check.getKey()).isNull();
            checked.add(check.getKey());
        }
        assertThat(checked).hasSize(5);
        assertThat(ConfigChecks.stageNames(mlops.path("protectedStages").asText())).containsExactly("production");
    }

    @Test
    public void aKeyTheConfigurationLacksWouldBeCaught() {
        // the comparison can fail: a misspelt key is not a setter property
        assertThat(setterProperties(MlopsGlobalConfiguration.class)).doesNotContain("registryUrl", "protectedStage");
    }
}
