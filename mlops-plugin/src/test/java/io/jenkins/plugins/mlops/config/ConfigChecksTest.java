package io.jenkins.plugins.mlops.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import org.junit.Test;

/** The global configuration's form checks: what an administrator is told for each field. */
public class ConfigChecksTest {
    @Test
    public void theRegistryIsEmptyAGitUrlOrAnAbsoluteDirectory() {
        assertThat(ConfigChecks.registry("")).isNull();
        assertThat(ConfigChecks.registry(null)).isNull();
        assertThat(ConfigChecks.registry("/var/lib/mlops/registry")).isNull();
        assertThat(ConfigChecks.registry("https://git.example.com/ml/registry.git")).isNull();
        assertThat(ConfigChecks.registry("git@git.example.com:ml/registry.git")).isNull();
        assertThat(ConfigChecks.registry("registry")).contains("'registry'", "absolute", "Fix:");
        assertThat(ConfigChecks.registry("../../etc")).contains("absolute");
    }

    @Test
    public void theSparkLauncherIsOneProgramByNameOrAbsolutePath() {
        assertThat(ConfigChecks.sparkLauncher(" ")).isNull();
        assertThat(ConfigChecks.sparkLauncher("mlops-spark")).isNull();
        assertThat(ConfigChecks.sparkLauncher("/opt/mlops/bin/mlops-spark")).isNull();
        for (String bad : new String[] {"-x", "mlops-spark --master yarn", "bin/mlops-spark", "../mlops-spark", "/opt/../bin/sh",
                "sh -c 'id'", "mlops-spark;id"}) {
            assertThat(ConfigChecks.sparkLauncher(bad)).as(bad).contains("'" + bad + "' is neither a command name nor an absolute path")
                    .contains("empty: mlops-spark");
        }
    }

    @Test
    public void theSandboxIsOneOfCoresBackends() {
        assertThat(ConfigChecks.sandbox("bubblewrap")).isNull();
        assertThat(ConfigChecks.sandbox(" ")).isNull();
        assertThat(ConfigChecks.sandbox("kubernetes")).contains("'kubernetes'", "auto, podman, docker, bubblewrap, none");
    }

    @Test
    public void prometheusIsAnHttpUrlWithAHost() {
        assertThat(ConfigChecks.prometheusUrl("http://127.0.0.1:9090")).isNull();
        assertThat(ConfigChecks.prometheusUrl("https://prom.example.com/")).isNull();
        assertThat(ConfigChecks.prometheusUrl("file:///etc/passwd")).contains("http(s)");
        assertThat(ConfigChecks.prometheusUrl("prometheus:9090")).contains("http(s)");
        assertThat(ConfigChecks.prometheusUrl("http://")).contains("http(s)");
    }

    @Test
    public void protectedStagesAreStageNamesInLowerCase() {
        assertThat(ConfigChecks.stageNames("production, Shadow\nstaging")).containsExactly("production", "shadow", "staging");
        assertThat(ConfigChecks.stageNames(null)).isEmpty();
        assertThat(ConfigChecks.protectedStages("production")).isNull();
        assertThat(ConfigChecks.protectedStages("prod uction")).contains("not a valid stage name");
        assertThat(ConfigChecks.protectedStages("<script>")).contains("not a valid stage name");
        assertThatThrownBy(() -> ConfigChecks.stageNames("ok, -bad")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'-bad'");
    }
}
