package io.jenkins.plugins.mlops.cli.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.cli.BreastCancerExample;
import io.jenkins.plugins.mlops.cli.demo.ServingStack;
import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code mlops monitor --prometheus} against the real thing: the example server (a fifth of its
 * answers made HTTP 500) behind nginx, real Prometheus scraping it, traffic from the example's
 * serving split, and the server's own serving log. The error rate and latency percentiles come
 * from Prometheus; an error rate over its ceiling is DEGRADED.
 */
public class MonitorHealthTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void anErrorRateFromPrometheusAboveItsCeilingIsDegradedWithLatencyPercentilesShown() throws Exception {
        Path model = BreastCancerExample.train(tmp.newFolder("run").toPath());
        Path log = tmp.getRoot().toPath().resolve("serving.jsonl");
        Path store = tmp.newFolder("store").toPath();
        assertThat(CliRun.of("publish", "bc", model.toString(), "--store", store.toString()).exitCode()).isZero();
        try (ServingStack stack = ServingStack.start(tmp.newFolder("stack").toPath(), BreastCancerExample.DIR,
                List.of(new ServingStack.Server("1.0.0", model, Map.of("FAULT_ERROR_RATE", "0.2", "SERVING_LOG", log.toString()))),
                "1.0.0", 60)) {
            Thread.sleep(12_000); // a few scrapes (one a second) inside the health window

            CliRun r = CliRun.of("monitor", "bc", log.toString(), "--version", "1.0.0", "--store", store.toString(),
                    "--training", BreastCancerExample.DIR.resolve("data/train.csv").toString(),
                    "--schema", BreastCancerExample.DIR.resolve("schema.json").toString(),
                    "--prometheus", stack.prometheusUrl(), "--health-window", "30s", "--max-error-rate", "0.05", "--json");

            assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
            JsonNode health = Json.mapper().readTree(r.out()).get("health");
            assertThat(health.get("errorRate").asDouble()).as(health.toString()).isBetween(0.08, 0.4);
            assertThat(health.get("p50Ms").asDouble()).isPositive();
            assertThat(health.get("p99Ms").asDouble()).isGreaterThanOrEqualTo(health.get("p50Ms").asDouble());
            JsonNode result = Json.mapper().readTree(r.out());
            assertThat(result.get("verdict").asText()).isEqualTo("DEGRADED");
            assertThat(result.get("reasons").get(0).asText()).startsWith("error rate 0.").endsWith("> 0.05");
            assertThat(result.at("/window/rows").asLong()).as("the server's own log, the 200s only").isPositive();
            assertThat(Files.readAllLines(log)).allMatch(line -> line.contains("\"model_version\":\"1.0.0\""));
        }
    }
}
