package io.jenkins.plugins.mlops.jenkinstests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestRule;

/**
 * mlMonitor in a Pipeline on the agent {@code ml}: the example's model, tracked on train.csv and
 * published with its data validation, served by the example server with a serving log; the
 * held-out split's traffic is OK, the shifted traffic after it is DRIFT, and the Pipeline branches
 * on the verdict the step returns. Both verdicts are kept on the version in the registry and the
 * build stays SUCCESS. A truncated log line fails the build naming its file and line.
 */
public class MonitorPipelineJenkinsTest {
    @ClassRule
    public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
    @Rule
    public final TestRule scenario = JenkinsSuiteRules.scenario();

    private static final String CONFIGURATION = "io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration.get()";
    private static String registryBefore;

    @BeforeClass
    public static void aRegistryDirectoryIsConfigured() {
        String registry = JENKINS.get().settings().work().resolve("monitor-registry").toString();
        registryBefore = JENKINS.client().script("def c = " + CONFIGURATION + "\nprint(c.registry == null ? '' : c.registry)\n"
                + "c.registry = " + MlAgent.groovyString(registry)).trim();
    }

    @AfterClass
    public static void theRegistrySettingIsPutBack() {
        JENKINS.client().script(CONFIGURATION + ".registry = " + MlAgent.groovyString(registryBefore));
    }

    @Test
    public void thePipelineGetsOkForHeldOutTrafficAndDriftForShiftedTrafficAndBranchesOnIt() throws Exception {
        JENKINS.get().agent();
        int port = RealJenkins.freePort();
        String remote = JENKINS.get().gitRemote().url();
        JENKINS.client().createPipelineJob("monitor-drift", String.join("\n",
                "node('ml') {",
                "  git url: '" + remote + "', branch: 'main'",
                "  dir('examples/breast-cancer') {",
                "    sh '/usr/bin/python3 train.py --out out > train.log 2>&1'",
                "    mlTrack experiment: 'monitoring', datasets: 'train=data/train.csv'",
                "    mlValidate data: 'data/valid.csv', schema: 'schema.json', reference: 'data/train.csv'",
                "    mlPublish model: 'monitored', path: 'out/model'",
                "    sh '''",
                "      rm -rf logs; mkdir logs",
                "      JENKINS_NODE_COOKIE=dontKillMe MODEL_VERSION=1.0.0 /usr/bin/python3 serve.py --model-dir out/model \\",
                "          --port " + port + " --log logs/serving.jsonl > serve.log 2>&1 &",
                "      echo $! > serve.pid",
                "      for i in $(seq 100); do curl -fs http://127.0.0.1:" + port + "/healthz >/dev/null && break; sleep 0.2; done",
                "      /usr/bin/python3 send_traffic.py --url http://127.0.0.1:" + port + "/predict --data data/valid.csv --prefix held",
                "    '''",
                "    try {",
                "      def ok = mlMonitor model: 'monitored', version: '1.0.0', logs: 'logs/serving*.jsonl'",
                "      echo \"held-out: verdict=${ok.verdict} rows=${ok.rows}\"",
                "      sh '/usr/bin/python3 send_traffic.py --url http://127.0.0.1:" + port
                        + "/predict --data data/valid.csv --prefix shifted --scale 1.6'",
                "      def r = mlMonitor model: 'monitored', version: '1.0.0', logs: 'logs/serving.jsonl', last: 114",
                "      echo \"shifted: verdict=${r.verdict} passed=${r.passed}\"",
                "      if (r.verdict == 'DRIFT') {",
                "        echo 'the Pipeline would start the retraining job now'",
                "      }",
                "    } finally {",
                "      sh 'kill \"$(cat serve.pid)\" 2>/dev/null || true'",
                "    }",
                "  }",
                "}"));

        Build build = JENKINS.client().build("monitor-drift");

        assertThat(build.result()).as(build.console()).isEqualTo("SUCCESS");
        assertThat(build.console()).contains("held-out: verdict=OK rows=114")
                .contains("shifted: verdict=DRIFT passed=false")
                .contains("the Pipeline would start the retraining job now")
                .contains("mlMonitor: verdict DRIFT kept on monitored 1.0.0 in the model registry")
                .doesNotContain("\tat ");
        JsonNode stage = StoredRun.of(JENKINS.get(), build).stage("monitoring");
        assertThat(stage.path("verdict").asText()).as(stage.toString()).isEqualTo("DRIFT");
        String kept = JENKINS.client().script(String.join("\n",
                "def r = " + CONFIGURATION + ".openRegistry()",
                "try { println r.monitoring('monitored', '1.0.0').collect { it.verdict() + '/' + it.rows() } } finally { r.close() }"));
        assertThat(kept).contains("[OK/114, DRIFT/114]");
    }

    @Test
    public void aTruncatedLogLineFailsTheBuildNamingItsFileAndLine() {
        JENKINS.get().agent();
        JENKINS.client().createPipelineJob("monitor-bad-log", String.join("\n",
                "node('ml') {",
                "  writeFile file: 'schema.json', text: '{\"version\": 1, \"features\": [{\"name\": \"x\", \"type\": \"float\"}]}'",
                "  writeFile file: 'train.csv', text: 'x\\n1\\n2\\n'",
                "  writeFile file: 'model/model.pkl', text: 'weights'",
                "  mlPublish model: 'monitored-bad', path: 'model'",
                "  writeFile file: 'logs/serving.jsonl', text: '{\"request_id\":\"a\",\"time\":\"2026-12-06T10:00:00Z\","
                        + "\"model_version\":\"1.0.0\",\"features\":{\"x\":1},\"prediction\":1}\\n{\"request_id\":\"b\",\"ti\\n'",
                "  mlMonitor model: 'monitored-bad', version: '1.0.0', logs: 'logs/serving.jsonl', training: 'train.csv',",
                "            schema: 'schema.json'",
                "}"));

        Build build = JENKINS.client().build("monitor-bad-log");

        assertThat(build.result()).as(build.console()).isEqualTo("FAILURE");
        assertThat(build.console()).contains("mlMonitor: ").contains("logs/serving.jsonl:2: not valid JSON")
                .doesNotContain("\tat ");
    }
}
