package io.jenkins.plugins.mlops.cli.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A workspace of good inputs (data, schema, suite, predictions, gates, metrics, params, an infra
 * spec, a rollout plan and a store holding one run) beside a {@code bad/} directory for the one
 * bad input a case puts there. {@link #check} runs a command and asserts what every bad input
 * must give: exit 2, one message naming the input and the fix, no Java internals, and nothing
 * written in the workspace.
 */
final class BadInputWorkspace {
    /** What a user must never read: class and package names, parser internals, stack frames. */
    static final Pattern INTERNALS = Pattern.compile("java\\.|javax\\.|sun\\.|com\\.fasterxml|org\\.yaml|snakeyaml|picocli\\.|"
            + "Exception|jackson|Jackson|StreamReadConstraints|ReadFeature|CharConversion|\\bat [a-z]+\\.[a-z]+\\.|"
            + "\\$[A-Z][a-z]+|@[0-9a-f]{6,}");

    final Path root;
    final Path ws;
    final Path bad;

    BadInputWorkspace(Path root) throws IOException {
        this.root = root;
        this.ws = Files.createDirectories(root.resolve("ws"));
        this.bad = Files.createDirectories(root.resolve("bad"));
        write("data.csv", "age,city,score\n34,Paris,0.5\n41,Lyon,0.7\n29,Paris,0.9\n52,Nice,0.1\n");
        write("data.jsonl", "{\"age\": 34, \"city\": \"Paris\", \"score\": 0.5}\n{\"age\": 41, \"city\": \"Lyon\", \"score\": 0.7}\n");
        write("schema.json", """
                {"features": [
                  {"name": "age", "type": "int"},
                  {"name": "city", "type": "string"},
                  {"name": "score", "type": "float"}
                ]}
                """);
        write("suite.yaml", "name: s\ntask: classification\nthresholds:\n- {metric: accuracy, min: 0.5}\n");
        write("p.csv", "label,prediction,score,size\n1,1,0.9,a\n0,0,0.1,b\n1,1,0.8,a\n0,1,0.6,b\n");
        write("gates.yaml", "name: g\ntask: classification\ngates:\n- {metric: accuracy, higherIsBetter: true, threshold: 0.5}\n");
        write("candidate.json", "{\"accuracy\": 0.9, \"roc_auc\": 0.95}\n");
        write("metrics.jsonl", "{\"step\": 0, \"name\": \"loss\", \"value\": 0.5}\n");
        write("params.json", "{\"lr\": 0.1, \"depth\": 3}\n");
        Files.createDirectories(ws.resolve("model"));
        write("model/model.txt", "a model\n");
        Files.copy(BadInputCorpus.EXAMPLE.resolve("infra.yaml"), ws.resolve("infra.yaml"));
        Files.copy(BadInputCorpus.EXAMPLE.resolve("rollout-plan.yaml"), ws.resolve("plan.yaml"));
        Process mkfifo = new ProcessBuilder("mkfifo", ws.resolve("pipe.yaml").toString()).start();
        try {
            assertThat(mkfifo.waitFor()).isZero();
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        CliRun track = CliRun.of("track", "--store", store(), "-w", root.toString(), "-m", "ws/metrics.jsonl",
                "-p", "lr=0.1");
        assertThat(track.exitCode()).as(track.err()).isZero();
    }

    String store() {
        return ws.resolve("store").toString();
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(ws.resolve(name), text);
    }

    /** Every file and directory of the workspace with its size and time: what a command wrote shows as a difference. */
    Map<String, String> snapshot() throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(ws)) {
            for (Path p : walk.toList()) {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                entries.put(ws.relativize(p).toString(), a.size() + "@" + a.lastModifiedTime().toMillis());
            }
        }
        return entries;
    }

    /** Empties {@code bad/}, for the next case. */
    void clearBad() throws IOException {
        try (Stream<Path> walk = Files.walk(bad)) {
            List<Path> all = new ArrayList<>(walk.toList());
            java.util.Collections.reverse(all);
            for (Path p : all) {
                if (!p.equals(bad)) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Runs {@code args} ({@code {root}}, {@code {ws}}, {@code {store}} replaced) and asserts a clean refusal. */
    CliRun check(String name, List<String> args, List<String> mustMention) throws IOException {
        Map<String, String> before = snapshot();
        String[] resolved = args.stream().map(a -> a.replace("{root}", root.toString()).replace("{ws}", ws.toString())
                .replace("{store}", store())).toArray(String[]::new);
        CliRun run = CliRun.of(resolved);
        String err = run.err();
        assertThat(run.exitCode()).as(name + ": exit code; stderr: " + err).isEqualTo(2);
        assertThat(err).as(name + ": the message").startsWith("mlops: ");
        assertThat(err.contains("Fix:") || err.contains("--help")).as(name + ": a fix is given: " + err).isTrue();
        for (String mention : mustMention) {
            assertThat(err).as(name + ": names '" + mention + "'").contains(mention);
        }
        assertThat(INTERNALS.matcher(err).find()).as(name + ": no Java internals in: " + err).isFalse();
        assertThat(run.out()).as(name + ": nothing on stdout").isEmpty();
        assertThat(snapshot()).as(name + ": nothing written").isEqualTo(before);
        return run;
    }
}
