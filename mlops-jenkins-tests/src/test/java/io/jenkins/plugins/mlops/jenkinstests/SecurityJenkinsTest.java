package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Security with matrix-auth: MLOps/Promote guards the protected stages and the approval of a paused
 * rollout; every form check answers POST only, never to anonymous users, and only to users who may
 * configure; the System page's MLOps section round-trips every field.
 *
 * <p><b>How a build runs as a user.</b> Jenkins runs builds as SYSTEM (every permission) unless a
 * QueueItemAuthenticator says otherwise, and the kit has no authorize-project plugin. The setup
 * registers, through the script console, a QueueItemAuthenticatorProvider extension (in memory, not
 * saved) whose authenticator does what authorize-project's "run as the user who triggered the build"
 * does, for jobs named {@code security-*} only: the build of a queue item with a "Started by user X"
 * cause runs as X. So a build {@code dev} triggers with his own password runs as {@code dev}: the
 * Pipeline's CPS thread and the freestyle executor carry his authentication, and the plugin's
 * {@code job.hasPermission(MLOps/Promote)} is asked about him. The log says "Running as dev".
 */
public class SecurityJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    static final String JOB_PREFIX = "security-";
    private static final Map<String, String> PASSWORDS = Map.of("dev", secret(), "releaser", secret(), "viewer", secret());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HttpServer metrics;

    @BeforeClass
    public static void matrixAuthorizationAndBuildsRunAsTheirTriggeringUser() {
        JENKINS.client().script(setupScript());
        metrics = startMetrics();
    }

    @AfterClass
    public static void stopMetrics() {
        if (metrics != null) {
            metrics.stop(0);
        }
    }

    /**
     * Idempotent: users dev, releaser, viewer (this run's passwords); a GlobalMatrixAuthorizationStrategy
     * (kept when one is there) where admin holds Overall/Administer, anonymous nothing, viewer
     * Overall/Read and Job/Read, dev also Job/Build, Job/Configure and Agent/Build (a build runs on
     * the agent only when its user may build there), releaser what dev has and MLOps/Promote; and the
     * authenticator described on the class.
     */
    static String setupScript() {
        StringBuilder users = new StringBuilder();
        PASSWORDS.forEach((id, password) -> users.append("  '").append(id).append("': '").append(password).append("',\n"));
        return String.join("\n",
                "import hudson.ExtensionList",
                "import hudson.model.*",
                "import hudson.security.*",
                "import jenkins.model.Jenkins",
                "import jenkins.security.*",
                "import org.jenkinsci.plugins.matrixauth.PermissionEntry",
                "import org.springframework.security.core.Authentication",
                "",
                "class SuiteTriggeringUserAuthenticator extends QueueItemAuthenticator {",
                "  Authentication authenticate2(Queue.Item item) {",
                "    if (!(item.task instanceof Job) || !item.task.fullName.startsWith('" + JOB_PREFIX + "')) return null",
                "    def cause = item.causes.find { it instanceof Cause.UserIdCause }",
                "    def user = cause?.userId == null ? null : User.getById(cause.userId, false)",
                "    return user?.impersonate2()",
                "  }",
                "}",
                "class SuiteTriggeringUserProvider extends QueueItemAuthenticatorProvider {",
                "  final List<QueueItemAuthenticator> authenticators = [new SuiteTriggeringUserAuthenticator()]",
                "}",
                "",
                "def j = Jenkins.get()",
                "def realm = j.securityRealm",
                "def passwords = [",
                users.toString() + "]",
                "passwords.each { id, password ->",
                "  if (realm.getUser(id) == null) realm.createAccount(id, password)",
                "  else User.getById(id, false).addProperty(HudsonPrivateSecurityRealm.Details.fromPlainPassword(password))",
                "}",
                "def matrix = j.authorizationStrategy instanceof GlobalMatrixAuthorizationStrategy ? j.authorizationStrategy",
                "    : new GlobalMatrixAuthorizationStrategy()",
                "matrix.add(Jenkins.ADMINISTER, PermissionEntry.user('admin'))",
                "[Jenkins.READ, Item.READ].each { p -> ['viewer', 'dev', 'releaser'].each { matrix.add(p, PermissionEntry.user(it)) } }",
                "[Item.BUILD, Item.CONFIGURE, Computer.BUILD].each { p -> ['dev', 'releaser'].each { matrix.add(p, PermissionEntry.user(it)) } }",
                "matrix.add(Permission.fromId('io.jenkins.plugins.mlops.MlopsPermissions.Promote'), PermissionEntry.user('releaser'))",
                "j.authorizationStrategy = matrix",
                "j.save()",
                "def providers = ExtensionList.lookup(QueueItemAuthenticatorProvider)",
                "if (!providers.any { it.class.name == 'SuiteTriggeringUserProvider' }) providers.add(new SuiteTriggeringUserProvider())",
                "println 'security set up'");
    }

    private JenkinsClient as(String user) {
        return JENKINS.client().as(user, PASSWORDS.get(user));
    }

    /** Triggers {@code job} as {@code user} (so the build runs as that user) and waits for it. */
    private Build buildAs(String user, String job, Map<String, String> parameters) {
        JenkinsClient client = as(user);
        QueueItem item = client.trigger(job, parameters);
        Build build = client.awaitFinished(job, item.awaitBuildNumber(client));
        assertThat(build.console()).as("the build runs as the user who triggered it").contains("Running as " + user);
        return build;
    }

    /** The configured registry's versions of {@code model} and its current stages, read on the controller. */
    private static String registry(String model) {
        return JENKINS.client().script("def r = io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration.get().openRegistry()\n"
                + "try {\n  def m = r.models().find { it.model() == " + MlAgent.groovyString(model) + " }\n"
                + "  println 'versions=' + (m == null ? 0 : m.versions()) + ' stages=' + (m == null ? '{}' : r.stages(m.model()).currentAll())\n"
                + "} finally { r.close() }").trim();
    }

    private static void protectStages(String stages) {
        JENKINS.client().script("def c = io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration.get()\n"
                + "c.protectedStages = " + MlAgent.groovyString(stages) + "\nprintln c.protectedStages");
    }

    @Test
    public void onlyAHolderOfPromotePublishesIntoAProtectedStage() {
        JENKINS.get().agent();
        protectStages("production, shadow");
        String job = JOB_PREFIX + "publish";
        JENKINS.client().createOrUpdateJob(job, JobXml.inlinePipeline(String.join("\n",
                "node('ml') {",
                "  writeFile file: 'out/model/model.pkl', text: \"weights of build ${env.BUILD_NUMBER}\"",
                "  mlPublish model: 'security-churn', path: 'out/model', stage: params.STAGE",
                "  echo 'after publish'",
                "}"), Map.of("STAGE", "production")));

        for (String stage : List.of("production", "shadow")) {
            Build refused = buildAs("dev", job, Map.of("STAGE", stage));
            assertThat(refused.result()).as(refused.console()).isEqualTo("FAILURE");
            assertThat(refused.console()).contains("stage '" + stage + "' is protected")
                    .contains("needs the MLOps/Promote permission on " + job).contains("nothing was published")
                    .doesNotContain("mlPublish: published").doesNotContain("after publish");
        }
        assertThat(registry("security-churn")).as("dev published nothing").isEqualTo("versions=0 stages={}");

        Build moved = buildAs("releaser", job, Map.of("STAGE", "shadow"));
        assertThat(moved.result()).as(moved.console()).isEqualTo("SUCCESS");
        assertThat(moved.console()).contains("mlPublish: published security-churn 1.0.0").contains("after publish")
                .doesNotContain("is protected");
        assertThat(registry("security-churn")).isEqualTo("versions=1 stages=[shadow:1.0.0]");

        // releaser passes Jenkins's check for production too; the registry's own production policy
        // (a blessed, infra-blessed version and one approval) still refuses, and says why, not the permission
        Build production = buildAs("releaser", job, Map.of("STAGE", "production"));
        assertThat(production.console()).contains("mlPublish: published security-churn").contains("not moved to production")
                .doesNotContain("is protected").doesNotContain("MLOps/Promote");
    }

    @Test
    public void onlyAHolderOfPromoteStartsARolloutIntoAProtectedStageOrApprovesAPausedOne() throws IOException {
        JENKINS.get().agent();
        protectStages("production, shadow");
        Path weights = JENKINS.get().settings().work().resolve("security-rollout/weights.json");
        Files.createDirectories(weights.getParent());
        Files.deleteIfExists(weights);
        String job = JOB_PREFIX + "rollout";
        String plan = "model: security-rollout\n"
                + "stage: ${params.PLAN_STAGE}\n"
                + "stable: {version: '1.0.0', address: '127.0.0.1:8601'}\n"
                + "canary: {version: '1.1.0', address: '127.0.0.1:8602'}\n"
                + "router: {type: file, file: {path: '" + weights + "'}}\n"
                + "providers: {json: {timeoutSeconds: 5}}\n"
                + "analysis:\n  intervalSeconds: 1\n  metrics:\n"
                + "    - {name: errorRate, provider: json, url: 'http://127.0.0.1:" + metrics.getAddress().getPort()
                + "/metrics/{{variant}}', pointer: /errorRate, max: 0.01}\n"
                + "steps: [{weight: 10, bakeSeconds: 1}, {approval: true}, {weight: 100, bakeSeconds: 1}]\n";
        JENKINS.client().createOrUpdateJob(job, JobXml.inlinePipeline(String.join("\n",
                "node('ml') {",
                "  writeFile file: 'deploy/plan.yaml', text: \"\"\"" + plan + "\"\"\"",
                "  def r = mlPromote plan: 'deploy/plan.yaml', stateDir: \"rollouts/${params.PLAN_STAGE}\", pollSeconds: 1,"
                        + " approve: params.APPROVE == 'true'",
                "  echo \"verdict=${r.verdict}\"",
                "}"), orderedMap("PLAN_STAGE", "production", "APPROVE", "false")));

        Build intoProduction = buildAs("dev", job, Map.of("PLAN_STAGE", "production", "APPROVE", "false"));
        assertThat(intoProduction.result()).as(intoProduction.console()).isEqualTo("FAILURE");
        assertThat(intoProduction.console()).contains("stage 'production' is protected: a rollout into it needs the MLOps/Promote permission")
                .contains("no traffic was moved");
        assertThat(weights).as("no routing was written").doesNotExist();

        Build paused = buildAs("dev", job, Map.of("PLAN_STAGE", "staging", "APPROVE", "false"));
        assertThat(paused.result()).as(paused.console()).isEqualTo("SUCCESS");
        assertThat(paused.console()).contains("verdict=PAUSED");
        assertThat(canaryWeight(weights)).isEqualTo(10);

        Build approvalRefused = buildAs("dev", job, Map.of("PLAN_STAGE", "staging", "APPROVE", "true"));
        assertThat(approvalRefused.result()).as(approvalRefused.console()).isEqualTo("FAILURE");
        assertThat(approvalRefused.console()).contains("approving a paused rollout needs the MLOps/Promote permission on " + job)
                .contains("the rollout stays paused").doesNotContain("verdict=");
        assertThat(canaryWeight(weights)).as("the refused approval moved no traffic").isEqualTo(10);

        Build approved = buildAs("releaser", job, Map.of("PLAN_STAGE", "staging", "APPROVE", "true"));
        assertThat(approved.result()).as(approved.console()).isEqualTo("SUCCESS");
        assertThat(approved.console()).contains("verdict=PROMOTED");
        assertThat(canaryWeight(weights)).isEqualTo(100);
    }

    /** A form check: the descriptor, the check's name, a value it must refuse. */
    record Check(String descriptor, String name, String badValue) {
        String path() {
            return "descriptorByName/" + descriptor + "/" + name + "?value=" + JenkinsClient.encode(badValue);
        }
    }

    private static final String STEPS = "io.jenkins.plugins.mlops.steps.";
    /** Every doCheck* of the steps' descriptors (the stage steps inherit checkBuildResult) and of the mlRegistry trigger's. */
    static final List<Check> STEP_CHECKS = List.of(
            new Check(STEPS + "TrackStep", "checkMetrics", "../metrics.json"),
            new Check(STEPS + "TrackStep", "checkParamsFiles", "../train.yaml"),
            new Check(STEPS + "TrackStep", "checkArtifacts", "../model.pkl"),
            new Check(STEPS + "TrackStep", "checkDatasets", "train=../train.csv"),
            new Check(STEPS + "TrackStep", "checkParams", "C"),
            new Check(STEPS + "TrackStep", "checkTags", "team"),
            new Check(STEPS + "ValidateStep", "checkData", "../data.csv"),
            new Check(STEPS + "ValidateStep", "checkSchema", "../schema.yaml"),
            new Check(STEPS + "ValidateStep", "checkReference", "../train.csv"),
            new Check(STEPS + "ValidateStep", "checkServing", "../serving.jsonl"),
            new Check(STEPS + "ValidateStep", "checkModelTests", "../suite.yaml"),
            new Check(STEPS + "ValidateStep", "checkPredictions", "../predictions.csv"),
            new Check(STEPS + "ValidateStep", "checkFailOn", "SOMETIMES"),
            new Check(STEPS + "ValidateStep", "checkEngine", "beam"),
            new Check(STEPS + "ValidateStep", "checkSparkMaster", "-x"),
            new Check(STEPS + "ValidateStep", "checkBuildResult", "SUCCESS"),
            new Check(STEPS + "BlessStep", "checkGates", "../gates.yaml"),
            new Check(STEPS + "BlessStep", "checkCandidate", "../metrics.json"),
            new Check(STEPS + "BlessStep", "checkBaseline", "../baseline.json"),
            new Check(STEPS + "BlessStep", "checkBuildResult", "SUCCESS"),
            new Check(STEPS + "InfraValidateStep", "checkSpec", "../infra.yaml"),
            new Check(STEPS + "InfraValidateStep", "checkModelDir", "../model"),
            new Check(STEPS + "InfraValidateStep", "checkBuildResult", "SUCCESS"),
            new Check(STEPS + "PublishStep", "checkModel", "no such model!"),
            new Check(STEPS + "PublishStep", "checkPath", "../model"),
            new Check(STEPS + "PublishStep", "checkStage", "no stage!"),
            new Check(STEPS + "PublishStep", "checkBuildResult", "SUCCESS"),
            new Check(STEPS + "PromoteBuilder", "checkPlan", ""),
            new Check(STEPS + "PromoteBuilder", "checkStateDir", "../rollouts"),
            new Check(STEPS + "PromoteBuilder", "checkPollSeconds", "0"),
            new Check(STEPS + "PromoteBuilder", "checkBuildResult", "SUCCESS"),
            new Check(STEPS + "PromoteStep", "checkPlan", "../plan.yaml"),
            new Check(STEPS + "PromoteStep", "checkStateDir", "../rollouts"),
            new Check(STEPS + "PromoteStep", "checkPollSeconds", "99999"),
            new Check(STEPS + "PromoteStep", "checkBuildResult", "SUCCESS"),
            new Check("io.jenkins.plugins.mlops.trigger.RegistryTrigger", "checkModel", "no such model!"),
            new Check("io.jenkins.plugins.mlops.trigger.RegistryTrigger", "checkEvent", "deployed"));
    /** Every doCheck* of the global configuration. */
    static final List<Check> GLOBAL_CHECKS = List.of(
            new Check("io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration", "checkRegistry", "relative/dir"),
            new Check("io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration", "checkSandbox", "chroot"),
            new Check("io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration", "checkPrometheusUrl", "ftp://127.0.0.1:9090"),
            new Check("io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration", "checkProtectedStages", "production, no stage!"),
            new Check("io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration", "checkSparkLauncher", "sh -c id"));

    @Test
    public void everyFormCheckRefusesGetAndAnonymousUsersAndAnswersAPostWithCrumbToWhoMayConfigure() {
        String job = JOB_PREFIX + "forms";
        JENKINS.client().createOrUpdateJob(job, "<?xml version='1.1' encoding='UTF-8'?>\n<project/>\n");
        JenkinsClient anonymous = JENKINS.client().anonymous();
        String jobPath = "job/" + job + "/";
        for (Check check : STEP_CHECKS) {
            String url = jobPath + check.path();
            assertRefused(anonymous.get(url), check, "anonymous GET");
            assertRefused(anonymous.post(url, null, ""), check, "anonymous POST");
            assertGetRefused(as("dev").get(url), check);
            assertThat(as("viewer").post(url, null, "").status()).as(check + ": POST with crumb by a user who may only read")
                    .isEqualTo(403);
            assertAnswered(as("dev").post(url, null, ""), check);
        }
        JenkinsClient adminByPassword = JENKINS.client().as("admin", JENKINS.get().adminPassword());
        for (Check check : GLOBAL_CHECKS) {
            String url = check.path();
            assertRefused(anonymous.get(url), check, "anonymous GET");
            assertRefused(anonymous.post(url, null, ""), check, "anonymous POST");
            assertThat(as("dev").post(url, null, "").status()).as(check + ": POST by a user who is no administrator").isEqualTo(403);
            assertGetRefused(adminByPassword.get(url), check);
            assertAnswered(adminByPassword.post(url, null, ""), check);
        }
    }

    /**
     * Stapler's {@code @POST} does not dispatch a GET to the method at all: Jenkins answers 404 (the
     * old JenkinsRule test expected 405, which is {@code @RequirePOST}'s answer); either way no check runs.
     */
    private static void assertGetRefused(JenkinsClient.Response r, Check check) {
        assertThat(r.status()).as(check + ": GET by a user with the permission answered " + r.status()).isIn(404, 405);
        assertThat(r.body()).as(check + ": GET").doesNotContain("class=\"error\"").doesNotContain("class=error");
    }

    private static void assertRefused(JenkinsClient.Response r, Check check, String how) {
        assertThat(r.status()).as(check + ": " + how + " answered " + r.status()).isIn(401, 403);
        assertThat(r.body()).as(check + ": " + how).doesNotContain("class=\"error\"").doesNotContain("class=error");
    }

    /** A check's answer to a bad value is a form error (the HTML fragment the form shows under the field). */
    private static void assertAnswered(JenkinsClient.Response r, Check check) {
        assertThat(r.status()).as(check + ": POST with crumb by a user with the permission: " + r.body()).isEqualTo(200);
        assertThat(r.body()).as(check + " refuses '" + check.badValue() + "'").containsPattern("class=\"?error");
    }

    @Test
    public void theSystemPageRoundTripsEveryMlopsField() {
        String read = "def c = io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration.get()\n"
                + "println groovy.json.JsonOutput.toJson([registry: c.registry, credentialsId: c.credentialsId, sandbox: c.sandbox,"
                + " prometheusUrl: c.prometheusUrl, protectedStages: c.protectedStages, sparkLauncher: c.sparkLauncher])";
        String before = JENKINS.client().script(read).trim();
        Map<String, String> values = orderedMap(
                "registry", JENKINS.get().home().resolve("mlops/registry-roundtrip").toString(),
                "credentialsId", "mlops-registry-roundtrip",
                "sandbox", "bubblewrap",
                "prometheusUrl", "http://127.0.0.1:9090",
                "protectedStages", "production, shadow",
                "sparkLauncher", "/opt/mlops/bin/mlops-spark");
        try (JenkinsBrowser browser = new JenkinsBrowser(JENKINS.get())) {
            browser.loginAsAdmin().open("manage/configure");
            for (Map.Entry<String, String> field : values.entrySet()) {
                WebElement input = mlopsField(browser, field.getKey());
                input.clear();
                input.sendKeys(field.getValue());
            }
            browser.screenshot("security-system-page-mlops-filled");
            browser.find(By.name("Submit")).click();
            browser.open("manage/configure");
            for (Map.Entry<String, String> field : values.entrySet()) {
                assertThat(mlopsField(browser, field.getKey()).getAttribute("value")).as(field.getKey() + " after Save and reload")
                        .isEqualTo(field.getValue());
            }
            browser.js("arguments[0].scrollIntoView()", mlopsField(browser, "registry"));
            browser.screenshot("security-system-page-mlops-reloaded");
            Map<?, ?> saved = JSON.readValue(JENKINS.client().script(read).trim(), Map.class);
            assertThat(saved).as("the configuration Jenkins holds").isEqualTo(values);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            // the other scenarios share this Jenkins: they get the registry and settings they had
            JENKINS.client().script("def before = new groovy.json.JsonSlurper().parseText(" + MlAgent.groovyString(before) + ")\n"
                    + "def c = io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration.get()\n"
                    + "c.registry = before.registry; c.credentialsId = before.credentialsId; c.sandbox = before.sandbox\n"
                    + "c.prometheusUrl = before.prometheusUrl; c.protectedStages = before.protectedStages\n"
                    + "c.sparkLauncher = before.sparkLauncher\nprintln 'restored'");
        }
    }

    /**
     * A field of the MLOps section of the System page: the first of that name after the marker that
     * opens the configuration's rows (f:rowSet writes a marker named after its class; the rows are its siblings).
     */
    @Test
    public void promoteIsAPermissionOfTheMlopsGroupOfferedInTheAuthorizationMatrix() {
        assertThat(JENKINS.client().script("def p = hudson.security.Permission.fromId('io.jenkins.plugins.mlops.MlopsPermissions.Promote')\n"
                + "println p.group.title.toString() + '/' + p.name + ' implied by ' + p.impliedBy.id").trim())
                .isEqualTo("MLOps/Promote implied by hudson.model.Hudson.Administer");
        try (JenkinsBrowser browser = new JenkinsBrowser(JENKINS.get())) {
            browser.loginAsAdmin().open("manage/configureSecurity/");
            WebElement group = browser.find(By.xpath("//*[normalize-space(text())='MLOps']"));
            browser.js("arguments[0].scrollIntoView({block: 'center'})", group);
            assertThat(browser.driver().getPageSource()).as("the matrix offers the permission")
                    .contains("io.jenkins.plugins.mlops.MlopsPermissions.Promote");
            browser.screenshot("security-matrix-mlops-promote");
        }
    }

    @Test
    public void theModelRegistryPageNeedsOverallRead() {
        assertThat(JENKINS.client().anonymous().get("mlops-registry/").status()).isIn(401, 403);
        assertThat(as("viewer").get("mlops-registry/").expect(200).body()).contains("Model registry");
    }

    private static WebElement mlopsField(JenkinsBrowser browser, String field) {
        return browser.find(By.xpath("//div[@name='io-jenkins-plugins-mlops-config-MlopsGlobalConfiguration']"
                + "/following::input[@name='_." + field + "'][1]"));
    }

    private static int canaryWeight(Path weights) throws IOException {
        return Files.isRegularFile(weights) ? JSON.readTree(weights.toFile()).path("canary").path("weight").asInt() : -1;
    }

    /** Serves {"errorRate": 0.001} for stable and canary: a healthy canary. */
    private static HttpServer startMetrics() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/metrics/", exchange -> {
                byte[] body = "{\"errorRate\": 0.001}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static String secret() {
        return HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    }
}
