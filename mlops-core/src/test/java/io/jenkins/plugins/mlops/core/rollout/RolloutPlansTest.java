package io.jenkins.plugins.mlops.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Bad plans are refused with the file, the field and the fix, before anything reaches a router. */
public class RolloutPlansTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static final String BASE = """
            model: breast-cancer
            stable: {version: "1.0.0", address: "127.0.0.1:8601"}
            canary: {version: "1.1.0", address: "127.0.0.1:8602"}
            router: {type: nginx, nginx: {config: /tmp/n.conf, siteFile: /tmp/site.conf, listen: "127.0.0.1:8080"}}
            """;

    private Path write(String text) throws Exception {
        Path file = tmp.getRoot().toPath().resolve("plan.yaml");
        Files.writeString(file, text);
        return file;
    }

    private void refused(String text, String... fragments) throws Exception {
        Path file = write(text);
        assertThatThrownBy(() -> RolloutPlans.read(file)).isInstanceOf(BadInputException.class)
                .hasMessageStartingWith(file.toString()).hasMessageContaining("Fix:").satisfies(e -> {
                    for (String fragment : fragments) {
                        assertThat(e.getMessage()).contains(fragment);
                    }
                });
    }

    @Test
    public void aGoodPlanExpandsIntoItsSteps() throws Exception {
        RolloutPlan plan = RolloutPlans.read(write(BASE + "steps: [{weight: 10, bakeSeconds: 60}, {approval: true},"
                + " {weight: 100, bakeSeconds: 30}]\n"));
        assertThat(RolloutPlans.expand(plan)).extracting(Step::kind, Step::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Step.Kind.WEIGHT, 10),
                        org.assertj.core.groups.Tuple.tuple(Step.Kind.APPROVAL, 10),
                        org.assertj.core.groups.Tuple.tuple(Step.Kind.WEIGHT, 100));
    }

    @Test
    public void aPlanWithoutPrometheusTakesTheSiteWideDefaultAndAPlanThatNamesOneKeepsIt() throws Exception {
        String analysis = "analysis: {metrics: [{name: errorRate, query: 'rate(errors[1m])', max: 0.01}]}\n"
                + "steps: [{weight: 10}]\n";
        Path bare = write(BASE + analysis);
        assertThatThrownBy(() -> RolloutPlans.read(bare)).isInstanceOf(BadInputException.class)
                .hasMessageContaining("providers.prometheus");
        assertThat(RolloutPlans.read(bare, "http://prometheus.internal:9090").providers().prometheus().url())
                .isEqualTo("http://prometheus.internal:9090");
        assertThatThrownBy(() -> RolloutPlans.read(bare, "javascript:alert(1)")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("providers.prometheus.url");
        Path own = write(BASE + "providers: {prometheus: {url: 'http://127.0.0.1:9090'}}\n" + analysis);
        assertThat(RolloutPlans.read(own, "http://prometheus.internal:9090").providers().prometheus().url())
                .isEqualTo("http://127.0.0.1:9090");
    }

    @Test
    public void theExamplePlanShippedWithTheBreastCancerProjectIsValid() {
        Path example = Path.of("").toAbsolutePath().getParent().resolve("examples/breast-cancer/rollout-plan.yaml");
        RolloutPlan plan = RolloutPlans.read(example);
        assertThat(RolloutPlans.expand(plan)).extracting(Step::kind).containsExactly(Step.Kind.WEIGHT, Step.Kind.WEIGHT,
                Step.Kind.APPROVAL, Step.Kind.WEIGHT);
        assertThat(plan.analysis().metrics()).extracting(RolloutPlan.MetricSpec::name).containsExactly("errorRate", "p99");
    }

    @Test
    public void emptyUnknownFieldsAndWrongTypesNameTheProblem() throws Exception {
        refused("", "empty");
        refused(BASE + "steps: [{weight: 10}]\nstepz: []\n", "stepz");
        refused(BASE + "steps: [{weight: ten}]\n", "steps[0].weight");
        refused(BASE + "steps: [{weight: 10", "");
    }

    @Test
    public void valuesThatWouldReachTheNginxConfigMustBePlain() throws Exception {
        refused(BASE.replace("127.0.0.1:8602", "127.0.0.1:8602; } server { listen 80") + "steps: [{weight: 10}]\n",
                "canary.address");
        refused(BASE.replace("breast-cancer", "<script>x</script>") + "steps: [{weight: 10}]\n", "model");
        refused(BASE + "strategy: abTest\nabTest: {header: 'X-V\"; evil', value: b, outcome: {}}\n", "abTest.header");
        refused(BASE.replace("listen: \"127.0.0.1:8080\"", "listen: \"8080; include /etc/passwd\"")
                + "steps: [{weight: 10}]\n", "router.nginx.listen");
        refused(BASE.replace("127.0.0.1:8602", "127.0.0.1:99999") + "steps: [{weight: 10}]\n", "canary.address");
    }

    @Test
    public void stepsAndStrategiesAreChecked() throws Exception {
        refused(BASE + "steps: [{weight: 120}]\n", "steps[0].weight", "outside 0..100");
        refused(BASE + "steps: [{weight: 10, approval: true}]\n", "exactly one");
        refused(BASE + "steps: []\n", "at least one step");
        refused(BASE + "strategy: shadow\n", "shadow");
        refused(BASE.replace("\"1.1.0\"", "\"1.0.0\"") + "steps: [{weight: 10}]\n", "same as stable.version");
        refused(BASE + "steps: [{weight: 10}]\nanalysis: {metrics: [{name: e, query: 'up'}]}\n", "providers.prometheus");
        refused(BASE + "steps: [{weight: 10}]\nshadow: {maxDisagreement: 5}\n", "shadow.maxDisagreement");
    }
}
