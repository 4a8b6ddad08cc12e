package io.jenkins.plugins.mlops.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Stores for the UI tests, recorded with {@code mlops track} as a user would. */
final class UiFixture {
    private UiFixture() {
    }

    /**
     * Three runs of experiment "churn" (C = 0.1, 1, 10; team red, blue, red; curves valid_auc and
     * loss) and one of experiment "other"; the last churn run has a data-validation result.
     */
    static List<String> threeRuns(Path ws) throws IOException {
        Path store = ws.resolve(".mlops");
        Files.writeString(ws.resolve("train.csv"), "x,y\n1,0\n2,1\n");
        List<String> ids = new ArrayList<>();
        String[][] runs = {{"baseline", "0.1", "red", "0.61", "0.70"}, {"wider", "1", "blue", "0.66", "0.80"},
            {"strong", "10", "red", "0.64", "0.75"}};
        for (String[] r : runs) {
            Path metrics = ws.resolve(r[0] + ".jsonl");
            Files.writeString(metrics, "{\"step\":1,\"valid_auc\":" + r[3] + ",\"loss\":0.9}\n"
                    + "{\"step\":2,\"valid_auc\":" + r[4] + ",\"loss\":0.5}\n");
            CliRun run = CliRun.of("track", "--store", store.toString(), "-w", ws.toString(), "-e", "churn", "-n", r[0],
                    "-p", "C=" + r[1], "-p", "depth=4", "-t", "team=" + r[2], "-m", r[0] + ".jsonl",
                    "-d", "train=train.csv", "--notes", "run " + r[0]);
            assertThat(run.exitCode()).as(run.err()).isZero();
            ids.add(run.out().trim());
        }
        Path other = ws.resolve("other.jsonl");
        Files.writeString(other, "{\"step\":1,\"accuracy\":0.9}\n");
        CliRun run = CliRun.of("track", "--store", store.toString(), "-w", ws.toString(), "-e", "other", "-n", "lone",
                "-m", "other.jsonl");
        assertThat(run.exitCode()).as(run.err()).isZero();
        ids.add(run.out().trim());
        ObjectNode details = Json.mapper().createObjectNode();
        details.put("rowsChecked", 2);
        details.putArray("checks").addObject().put("name", "no_nulls").put("observed", 0.0).put("passed", true);
        new RunStore(store).update(ids.get(2), r -> r.withStage(new StageResult("dataValidation", "VALID", true,
                "2 checks passed", Instant.parse("2026-11-26T10:00:00Z"), details, List.of("dataValidation/report.html"))));
        return ids;
    }
}
