package io.jenkins.plugins.mlops.cli.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * The bad inputs an adversarial probe found exit 3 or silently accepted (issue 16, sections 3 and
 * 4), one row each: exit 2, the message names the file or option (and the fix), nothing written.
 */
@RunWith(Parameterized.class)
public class BadInputCasesTest {
    private static final TemporaryFolder TMP = new TemporaryFolder();
    private static BadInputWorkspace workspace;

    /** A bad input: files to put in {@code bad/} (name to content), the command, and what the message must name. */
    record Row(String name, Map<String, String> files, List<String> args, List<String> mentions) {
    }

    private static final String SUITE_HEAD = "name: s\ntask: classification\n";
    private static final String INFRA = "command: [/bin/true]\nport: 8080\nreadiness: {path: /healthz}\n";
    private static final String MODEL = "validate model -w {root} -p ws/p.csv --store {store} --tests";

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> rows() {
        List<Row> rows = List.of(
                row("validate data --delimiter '\"'", Map.of(), "validate data {ws}/data.csv --schema {ws}/schema.json "
                        + "--store {store} --delimiter \"", "delimiter", "'\"'"),
                row("schema infer --delimiter '\"'", Map.of(), "schema infer {ws}/data.csv --delimiter \"", "delimiter"),
                row("runs compare --last -3", Map.of(), "runs compare --store {store} --json {ws}/c.json --last -3", "--last", "-3"),
                row("runs compare --chart-runs -1", Map.of(), "runs compare --store {store} --json {ws}/c.json --chart-runs -1",
                        "--chart-runs"),
                row("runs compare --html DIR", Map.of(), "runs compare --store {store} --html {ws}", "--html", "is a directory"),
                row("track --store FILE", Map.of(), "track -w {root} -p a=1 --store {ws}/data.csv", "--store", "data.csv"),
                row("runs list --store FILE", Map.of(), "runs list --store {ws}/params.json", "--store"),
                row("schema infer --out EXISTINGDIR", Map.of(), "schema infer {ws}/data.csv --out {ws}/model", "--out", "is a directory"),
                row("schema infer --out under a file", Map.of(), "schema infer {ws}/data.csv --out {ws}/data.csv/s.json", "--out",
                        "is a file"),
                row("validate data --report-dir FILE", Map.of(), "validate data {ws}/data.csv --schema {ws}/schema.json "
                        + "--store {store} --report-dir {ws}/params.json", "--report-dir", "params.json"),
                row("validate data --run unknown", Map.of(), "validate data {ws}/data.csv --schema {ws}/schema.json "
                        + "--store {store} --run nosuchrun", "nosuchrun"),
                row("a perturbation on a field the input lacks", Map.of("t.yaml", SUITE_HEAD + """
                        behavioural:
                          endpoint: http://127.0.0.1:1/predict
                          tests:
                          - name: noise
                            type: invariance
                            perturbation: {scale: {nope: 1.1}}
                            examples:
                            - input: {a: 1}
                        """), "validate model -w {root} --store {store} --tests bad/t.yaml", "t.yaml", "'nope'"),
                row("a perturbation adding to a text field", Map.of("t.yaml", SUITE_HEAD + """
                        behavioural:
                          endpoint: http://127.0.0.1:1/predict
                          tests:
                          - name: noise
                            type: directional
                            expect: increase
                            perturbation: {add: {a: 1}}
                            examples:
                            - input: {a: "x"}
                        """), "validate model -w {root} --store {store} --tests bad/t.yaml", "t.yaml", "'a'", "not a number"),
                row("a Latin-1 metrics CSV", Map.of("m.csv", "step,pr\u00e9cision\n0,0.5\n"), "track -w {root} --store {store} -m bad/m.csv",
                        "m.csv:1", "UTF-8"),
                row("a NUL in a metric key (JSON)", Map.of("m.json", "{\"a\\u0000b\": 1}"), "track -w {root} --store {store} -m bad/m.json",
                        "m.json", "U+0000"),
                row("a NUL in a metric key (JSON Lines)", Map.of("m.jsonl", "{\"step\": 0, \"name\": \"a\\u0000b\", \"value\": 1}\n"),
                        "track -w {root} --store {store} -m bad/m.jsonl", "m.jsonl:1", "U+0000"),
                row("a NUL in a param key (file)", Map.of("p.json", "{\"a\\u0000b\": 1}"), "track -w {root} --store {store} --params bad/p.json",
                        "p.json", "U+0000"),
                row("a NUL in a param key (option)", Map.of(), "track -w {root} --store {store} -p a\u0000b=1", "param", "U+0000"),
                row("a duplicate key in params JSON", Map.of("p.json", "{\"lr\": 0.1, \"lr\": 0.2}"),
                        "track -w {root} --store {store} --params bad/p.json", "p.json:1", "'lr'"),
                row("a duplicate key in params YAML", Map.of("p.yaml", "lr: 0.1\nlr: 0.2\n"),
                        "track -w {root} --store {store} --params bad/p.yaml", "p.yaml:2", "'lr'"),
                row("a YAML alias in params", Map.of("p.yaml", "a: &x 1\nb: *x\n"), "track -w {root} --store {store} --params bad/p.yaml",
                        "p.yaml:1", "anchor"),
                row("a YAML alias without its anchor in a suite", Map.of("t.yaml", SUITE_HEAD + "thresholds: *x\n"),
                        MODEL + " bad/t.yaml", "t.yaml"),
                row("a !! tag in params", Map.of("p.yaml", "a: !!str 1\n"), "track -w {root} --store {store} --params bad/p.yaml",
                        "p.yaml:1", "!!str"),
                row("a !! tag in a schema", Map.of("s.yaml", "features:\n- {name: !!binary YQ==, type: string}\n"),
                        "validate data {ws}/data.csv --store {store} --schema {root}/bad/s.yaml", "s.yaml:2", "!!binary"),
                row("schema infer on data with a column named \"\"", Map.of("d.csv", ",a\n1,2\n"),
                        "schema infer {root}/bad/d.csv --out {ws}/s.json", "d.csv", "column 1 has no name"),
                row("schema infer on data with no columns", Map.of("d.jsonl", "{}\n{}\n"),
                        "schema infer {root}/bad/d.jsonl --out {ws}/s.json", "d.jsonl", "no columns"),
                row("--threads 0", Map.of(), "validate data {ws}/data.csv --schema {ws}/schema.json --store {store} --threads 0",
                        "--threads"),
                row("--threads -4", Map.of(), "validate data {ws}/data.csv --schema {ws}/schema.json --store {store} --threads -4",
                        "--threads"),
                row("minSliceSize: -5", Map.of("t.yaml", SUITE_HEAD + "minSliceSize: -5\nthresholds:\n- {metric: accuracy, min: 0.5}\n"),
                        MODEL + " bad/t.yaml", "t.yaml", "minSliceSize"),
                row("a slice minSize of 0", Map.of("t.yaml", SUITE_HEAD + "slices:\n- column: size\n  minSize: 0\n  thresholds:\n"
                        + "  - {metric: accuracy, min: 0.5}\n"), MODEL + " bad/t.yaml", "t.yaml", "minSize"),
                row("a threshold given as a string", Map.of("t.yaml", SUITE_HEAD + "thresholds:\n- {metric: accuracy, min: \"0.5\"}\n"),
                        MODEL + " bad/t.yaml", "t.yaml:4", "thresholds[0].min", "string"),
                row("a gate threshold given as a string", Map.of("g.yaml", "name: g\ntask: classification\ngates:\n"
                        + "- {metric: accuracy, higherIsBetter: true, threshold: \"0.5\"}\n"),
                        "bless -w {root} --store {store} --candidate ws/candidate.json --gates bad/g.yaml", "g.yaml:4", "threshold"),
                row("a boolean given as a string", Map.of("g.yaml", "name: g\ntask: classification\ngates:\n"
                        + "- {metric: accuracy, higherIsBetter: \"yes\", threshold: 0.5}\n"),
                        "bless -w {root} --store {store} --candidate ws/candidate.json --gates bad/g.yaml", "g.yaml:4", "higherIsBetter"),
                row("--endpoint ftp://x", Map.of("t.yaml", SUITE_HEAD + "behavioural:\n  tests:\n  - name: t\n    type: minimum_functionality\n"
                        + "    examples:\n    - {input: {a: 1}, expected: '1'}\n"),
                        "validate model -w {root} --store {store} --tests bad/t.yaml --endpoint ftp://x", "--endpoint", "ftp://x"),
                row("validate model --run x --no-record", Map.of(), MODEL + " ws/suite.yaml --run x --no-record", "--run", "--no-record"),
                row("bless --run x --no-record", Map.of(), "bless -w {root} --store {store} --candidate ws/candidate.json "
                        + "--gates ws/gates.yaml --run x --no-record", "--run", "--no-record"),
                row("positiveLabel: zzz", Map.of("t.yaml", SUITE_HEAD + "positiveLabel: zzz\nthresholds:\n- {metric: accuracy, min: 0.5}\n"),
                        MODEL + " bad/t.yaml", "t.yaml", "positiveLabel", "'zzz'"),
                row("a binary YAML suite", Map.of("t.yaml", "\u0000\u0001\u0002 \u00ff\u00fe"), MODEL + " bad/t.yaml", "t.yaml", "UTF-8"),
                row("a JSON spec nested 5000 deep", Map.of("t.json", "{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}"),
                        MODEL + " bad/t.json", "t.json", "levels deep"),
                row("an infra spec's checks.file that is missing", Map.of("inf.yaml", INFRA + "checks: {file: nope.jsonl}\n"),
                        "infra-validate -w {root} --store {store} --model ws/model --spec bad/inf.yaml", "inf.yaml", "checks.file"),
                row("an infra spec's modelDir outside the workspace", Map.of("inf.yaml", INFRA + "modelDir: ../../etc\n"),
                        "infra-validate -w {root} --store {store} --spec bad/inf.yaml", "inf.yaml", "modelDir"),
                row("an infra spec's load body file outside the workspace", Map.of("inf.yaml", INFRA
                        + "load: {requests: 10, request: {path: /p, bodyFile: ../../etc/passwd}}\n"),
                        "infra-validate -w {root} --store {store} --model ws/model --spec bad/inf.yaml", "inf.yaml", "bodyFile"),
                row("a named pipe as the suite", Map.of(), "validate model -w {root} --store {store} --tests ws/pipe.yaml", "--tests",
                        "pipe.yaml", "not an ordinary file"),
                row("a named pipe as metrics", Map.of(), "track -w {root} --store {store} -m ws/pipe.yaml", "pipe.yaml",
                        "not an ordinary file"),
                row("NaN in a JSON spec", Map.of("t.json", "{\"name\": \"s\", \"minSliceSize\": NaN}"), MODEL + " bad/t.json", "t.json",
                        "'NaN'"));
        return rows.stream().map(r -> new Object[] {r.name(), r}).toList();
    }

    private static Row row(String name, Map<String, String> files, String command, String... mentions) {
        return new Row(name, files, List.of(command.split(" ")), List.of(mentions));
    }

    private final Row row;

    public BadInputCasesTest(String name, Row row) {
        this.row = row;
    }

    @BeforeClass
    public static void workspace() throws IOException {
        TMP.create();
        workspace = new BadInputWorkspace(TMP.getRoot().toPath());
    }

    @AfterClass
    public static void cleanUp() {
        TMP.delete();
    }

    @Test
    public void isExitTwoNamingTheFileOrOptionAndWritesNothing() throws IOException {
        workspace.clearBad();
        for (Map.Entry<String, String> f : row.files().entrySet()) {
            // the text is written byte for byte as its chars (\u00e9 becomes the Latin-1 byte 0xE9)
            Files.write(workspace.bad.resolve(f.getKey()), f.getValue().getBytes(StandardCharsets.ISO_8859_1));
        }
        workspace.check(row.name(), row.args(), row.mentions());
    }
}
