package io.jenkins.plugins.mlops.core.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.CodeVersion;
import io.jenkins.plugins.mlops.core.track.DatasetRef;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStatus;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs and model files for registry tests, and the real git binary to check the result. */
public final class RegistryFixtures {
    private RegistryFixtures() {
    }

    /** A finished run with one training dataset, params, an accuracy metric and the given stages. */
    public static RunRecord run(String id, String dataHash, String schemaHash, double accuracy, StageResult... stages) {
        Map<String, StageResult> byName = new HashMap<>();
        for (StageResult s : stages) {
            byName.put(s.stage(), s);
        }
        return new RunRecord(RunRecord.CURRENT_SCHEMA_VERSION, id, "churn", "run " + id, RunStatus.FINISHED,
                Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T10:05:00Z"), Map.of(), null,
                Map.of("lr", "0.1", "depth", "4", "label", "churned"),
                Map.of("accuracy", MetricSeries.single("accuracy", accuracy, 0)),
                List.of(new DatasetRef("train", "data/train.csv", dataHash, 1000, 100L, schemaHash)), List.of(),
                new CodeVersion("c0ffee" + "0".repeat(34), "main", false, "https://example.invalid/repo.git"),
                null, new CiSource("jenkins", "train-churn", 7, "https://ci.example.invalid/job/train-churn/7/"),
                byName);
    }

    public static StageResult blessing(boolean passed) {
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("metric", "accuracy");
        return StageReports.stored("blessing", passed ? "BLESSED" : "NOT_BLESSED", passed,
                passed ? "accuracy 0.91 >= 0.90" : "accuracy 0.85 < 0.90 (short by 0.05)", Instant.now(), details, List.of());
    }

    public static StageResult infra(boolean passed) {
        return StageReports.stored("infraValidation", passed ? "INFRA_BLESSED" : "INFRA_NOT_BLESSED", passed,
                passed ? "server answered 20/20 requests" : "server did not start", Instant.now(), null, List.of());
    }

    public static String hash(char c) {
        return String.valueOf(c).repeat(64);
    }

    public static Path modelFile(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    /** Runs the real git binary; returns exit code and output. */
    public static Result git(Path gitDir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + gitDir));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("git " + String.join(" ", args) + " timed out");
        }
        return new Result(p.exitValue(), out);
    }

    public record Result(int exit, String output) {
    }
}
