package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;

/**
 * mlPublish in a Pipeline on the agent {@code ml} after mlTrack and mlBless, into the registry
 * directory configured in Manage Jenkins » System » MLOps: the version and its lineage (source
 * build, blessing, dataset, files) read back from the registry, moved to staging, shown on the
 * Model registry page (404 for an unknown model); {@code buildResult: 'UNSTABLE'} lets the build
 * go on when the stage policy refuses; a path out of the workspace fails the build naming it; the
 * registry page needs Overall/Read. (PublishPipelineITest's scenarios, its JenkinsRule cannot run
 * on these machines, but the protected stage, which SecurityJenkinsTest carries with matrix-auth,
 * and the freestyle form, which FreestyleFormsJenkinsTest carries in the browser.)
 */
public class PublishPipelineJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    private static final String CONFIGURATION = "io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration.get()";
    /** The registry setting before this class, put back after it: the suite's other classes share this Jenkins. */
    private static String registryBefore;
    private static Path registry;

    private static final String TRAIN = "writeFile file: 'gates.yaml', text: 'name: release\\ngates:\\n"
            + "  - {metric: accuracy, higherIsBetter: true, threshold: 0.7}\\n'\n"
            + "writeFile file: 'data.csv', text: 'a,b,label\\n1,2,0\\n3,4,1\\n'\n"
            + "writeFile file: 'out/metrics.json', text: '{\"accuracy\": 0.9}'\n"
            + "writeFile file: 'out/model/model.pkl', text: 'weights'\n"
            + "writeFile file: 'out/model/meta.json', text: '{}'\n"
            + "mlTrack experiment: 'churn', params: 'C=1.0', metrics: 'out/metrics.json', datasets: 'train=data.csv'\n"
            + "mlBless gates: 'gates.yaml', candidate: 'out/metrics.json'\n";

    @BeforeClass
    public static void aRegistryDirectoryIsConfigured() {
        registry = JENKINS.get().settings().work().resolve("publish-registry");
        registryBefore = JENKINS.client().script("def c = " + CONFIGURATION + "\nprint(c.registry == null ? '' : c.registry)\n"
                + "c.registry = " + MlAgent.groovyString(registry.toString())).trim();
    }

    @AfterClass
    public static void theRegistrySettingIsPutBack() {
        JENKINS.client().script(CONFIGURATION + ".registry = " + MlAgent.groovyString(registryBefore));
    }

    private static Build build(String job, String body) {
        JENKINS.get().agent();
        JENKINS.client().createPipelineJob(job, "node('ml') {\n" + body + "\necho 'after publish'\n}\n");
        return JENKINS.client().build(job);
    }

    @Test
    public void aPipelinePublishesWithLineageMovesToStagingAndShowsItOnTheRegistryPage() {
        Build build = build("publish-staging", TRAIN + "mlPublish model: 'publish-churn', path: 'out/model', stage: 'staging'");

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("mlPublish: published publish-churn 1.0.0").contains("model registry page")
                .doesNotContain("\tat ");
        StoredRun stored = StoredRun.of(JENKINS.get(), build);
        JsonNode publish = stored.stage("publish");
        assertThat(publish.path("passed").asBoolean()).as(publish.toString()).isTrue();
        assertThat(stored.stage("stageChange").path("verdict").asText()).isEqualTo("ASSIGNED");
        assertThat(stored.report("publish-staging")).as("the staging copy is removed").doesNotExist();

        // the registry read back with core, in Jenkins, where the plugin opens it
        String version = JENKINS.client().script(String.join("\n",
                "def r = " + CONFIGURATION + ".openRegistry()",
                "try {",
                "  def v = r.show('publish-churn', '1.0.0')",
                "  println \"sourceRun=${v.lineage().sourceRun()}\"",
                "  println \"blessing=${v.lineage().verdictOf('blessing')}\"",
                "  println \"datasets=${v.lineage().datasets().size()}\"",
                "  println \"files=${v.files().size()}\"",
                "  println \"staging=${r.stages('publish-churn').current('staging').orElseThrow()}\"",
                "} finally {",
                "  r.close()",
                "}"));
        assertThat(version).contains("sourceRun=publish-staging#1").contains("blessing=BLESSED").contains("datasets=1")
                .contains("files=2").contains("staging=1.0.0");
        assertThat(registry).isDirectory();

        String page = JENKINS.client().get("mlops-registry/model/publish-churn/").expect(200).body();
        assertThat(page).contains("1.0.0").contains("staging").contains("<svg");
        assertThat(JENKINS.client().get("mlops-registry/model/no-such-model/").status()).isEqualTo(404);
        assertThat(JENKINS.client().get("mlops-registry/model/publish-churn/version/1.0.0/").expect(200).body())
                .contains("lineage of publish-churn 1.0.0").contains("publish-staging#1");
        assertThat(JENKINS.client().get("mlops-registry/model/publish-churn/version/9.9.9/").status()).isEqualTo(404);
        try (JenkinsBrowser browser = new JenkinsBrowser(JENKINS.get())) {
            browser.loginAsAdmin().open("mlops-registry/model/publish-churn/");
            assertThat(browser.text()).contains("1.0.0").contains("staging");
            browser.screenshot("publish-registry-model");
        }
    }

    @Test
    public void threeMlPublishCallsInOneBuildAreAllKeptInTheRunsPublishStage() {
        Build build = build("publish-three", TRAIN
                + "mlPublish model: 'three-churn', path: 'out/model'\n"
                + "mlPublish model: 'three-fraud', path: 'out/model'\n"
                + "writeFile file: 'out/model/model.pkl', text: 'weights 2'\n"
                + "mlPublish model: 'three-churn', path: 'out/model'");

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        JsonNode publish = StoredRun.of(JENKINS.get(), build).stage("publish");
        assertThat(publish.at("/details/model").asText()).as(publish.toString()).isEqualTo("three-churn");
        assertThat(publish.at("/details/version").asText()).isEqualTo("1.0.1");
        assertThat(publish.at("/details/earlierInRun").toString())
                .contains("\"model\":\"three-churn\",\"version\":\"1.0.0\"", "\"model\":\"three-fraud\",\"version\":\"1.0.0\"");
        assertThat(JENKINS.client().get("job/publish-three/1/mlops/").expect(200).body())
                .contains("published earlier in this run: three-churn 1.0.0, three-fraud 1.0.0");
    }

    @Test
    public void unstableLetsTheBuildGoOnWhenTheStagePolicyRefuses() {
        Build build = build("publish-unblessed", "writeFile file: 'out/model/model.pkl', text: 'weights'\n"
                + "mlPublish model: 'publish-unblessed', path: 'out/model', stage: 'staging', buildResult: 'UNSTABLE'");

        assertThat(build.result()).as(build.console()).isEqualTo("UNSTABLE");
        assertThat(build.console()).contains("not moved to staging").contains("after publish");
        assertThat(StoredRun.of(JENKINS.get(), build).stage("stageChange").path("verdict").asText()).isEqualTo("REFUSED");
    }

    @Test
    public void aPathOutOfTheWorkspaceFailsTheBuildNamingIt() {
        Build build = build("publish-escape", "mlPublish model: 'publish-escape', path: '../../secrets'");

        assertThat(build.result()).as(build.console()).isEqualTo("FAILURE");
        assertThat(build.console()).contains("mlPublish: ").contains("../../secrets").doesNotContain("\tat ")
                .doesNotContain("after publish");
        assertThat(JENKINS.client().get("mlops-registry/model/publish-escape/").status()).isEqualTo(404);
    }

    @Test
    public void theRegistryPageNeedsOverallRead() {
        // a user holding Overall/Read and nothing else, under a matrix put in place for this scenario
        // only: the strategy before it (the suite's, or the security scenarios' matrix) is put back
        String password = java.util.UUID.randomUUID().toString();
        String strategyBefore = JENKINS.client().script(String.join("\n",
                "import hudson.security.*",
                "import jenkins.model.Jenkins",
                "import org.jenkinsci.plugins.matrixauth.PermissionEntry",
                "def j = Jenkins.get()",
                "if (j.securityRealm.getUser('registry-reader') == null) j.securityRealm.createAccount('registry-reader', "
                        + MlAgent.groovyString(password) + ")",
                "else hudson.model.User.getById('registry-reader', false).addProperty(HudsonPrivateSecurityRealm.Details.fromPlainPassword("
                        + MlAgent.groovyString(password) + "))",
                "print Jenkins.XSTREAM2.toXML(j.authorizationStrategy)",
                "def matrix = new GlobalMatrixAuthorizationStrategy()",
                "matrix.add(Jenkins.ADMINISTER, PermissionEntry.user('admin'))",
                "matrix.add(Jenkins.READ, PermissionEntry.user('registry-reader'))",
                "j.authorizationStrategy = matrix"));
        try {
            HttpResponse<String> anonymous = anonymousGet("mlops-registry/");
            assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(403);
            String page = JENKINS.client().as("registry-reader", password).get("mlops-registry/").expect(200).body();
            assertThat(page).contains("Model registry");
        } finally {
            String xml = java.util.Base64.getEncoder().encodeToString(strategyBefore.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            JENKINS.client().script("def j = jenkins.model.Jenkins.get()\nj.authorizationStrategy = jenkins.model.Jenkins.XSTREAM2.fromXML("
                    + "new String('" + xml + "'.decodeBase64(), 'UTF-8'))\nj.save()");
        }
    }

    /** GET with no credentials at all: an anonymous visitor. */
    private static HttpResponse<String> anonymousGet(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(JENKINS.get().url() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
