package io.jenkins.plugins.mlops.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.MlopsCommand;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.event.RegistryEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlops demo --loop} as a user runs it, on the real example project with real Python, model
 * servers, nginx and Prometheus: after the demo's models, the production model's serving log shows
 * drift, the verdict is a registry event, and the retrained model goes through every gate to PROMOTED.
 */
public class DemoLoopTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void driftInTheServingLogStartsARetrainingThatGoesThroughEveryGateToACanaryAndIsPromoted() throws Exception {
        Path workdir = tmp.getRoot().toPath();
        Path example = Path.of("..", "examples", "breast-cancer").toAbsolutePath().normalize();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = MlopsCommand.execute(new String[] {"demo", "--loop", "--workdir", workdir.toString(), "--example",
            example.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
        String loop = printed.substring(printed.indexOf("== the loop"));
        // drift → retrain → every gate → canary → PROMOTED, in that order
        assertThat(loop).containsSubsequence(
                "serve            SERVING", "serving log logs/serving.jsonl",
                "traffic          SENT", "held-out serving rows",
                "traffic          SENT", "the population shifted", "pass 3/3",
                "monitor          DRIFT",
                "registry event   monitor:DRIFT",
                "retrain          STARTED", "shifted rows",
                "== " + DemoLoop.CANDIDATE,
                "train            OK",
                "validate data    PASSED",
                "validate model   PASSED",
                "infra-validate   INFRA_BLESSED",
                "bless            BLESSED",
                "publish          PUBLISHED",
                "rollout step 3/3: 100% canary  PASSED",
                "promote          PROMOTED");
        assertThat(printed).contains(DemoLoop.CANDIDATE + ": went through every stage");

        // the verdict is in the registry, then the retrained version entered production
        try (Registry reg = Registry.openLocal(workdir.resolve(".mlops/registry"))) {
            List<String> kinds = reg.events(0).stream().map(RegistryEvent::kind).toList();
            assertThat(kinds).containsSubsequence("monitor:DRIFT", "published", "stage:production");
        }

        // the report shows the drift that started it: the monitoring column of the production run
        Document report = Jsoup.parse(workdir.resolve("report.html").toFile());
        assertThat(report.select("#mlops-compare-table tbody tr")).hasSize(4);
        assertThat(report.select("#mlops-compare-table th[data-kind=stage][data-key=monitoring]")).hasSize(1);
        List<String> cells = report.select("#mlops-compare-table tbody td").eachText();
        assertThat(cells).anyMatch(cell -> cell.startsWith("DRIFT") && cell.contains("drift over threshold in"));
        Element table = report.selectFirst("#mlops-compare-table");
        assertThat(table.text()).contains(DemoLoop.CANDIDATE);
        // nothing left running
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList()).isEmpty();
    }
}
