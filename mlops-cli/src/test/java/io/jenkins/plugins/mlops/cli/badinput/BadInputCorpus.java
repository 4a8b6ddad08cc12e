package io.jenkins.plugins.mlops.cli.badinput;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The malformed-input corpus: every input format the CLI reads, each given to the command that
 * reads it, spoilt in each way that applies to its format. Every case must be refused with exit 2.
 */
final class BadInputCorpus {
    static final Path EXAMPLE = Path.of("..", "examples", "breast-cancer").toAbsolutePath().normalize();

    enum Kind { JSON, YAML, CSV, JSONL }

    /** A format as a command reads it: {@code {bad}} in the arguments is the spoilt file. */
    /**
     * @param shape what the command checks of the file beyond reading it: {@code SPEC} refuses unknown
     *              keys; {@code OPEN} takes any key (metrics, params); {@code DATA} reports a bad row as an
     *              anomaly (exit 1), so only the file-level spoils apply
     */
    record Target(String name, String fileName, Kind kind, String good, List<String> args, Shape shape) {
        Target(String name, String fileName, Kind kind, String good, List<String> args) {
            this(name, fileName, kind, good, args, Shape.SPEC);
        }
    }

    enum Shape { SPEC, OPEN, DATA }

    /** A way to spoil a file; {@code content} null means the file is left missing. */
    record Mutation(String name, Function<Target, byte[]> content, Special special) {
        Mutation(String name, Function<Target, byte[]> content) {
            this(name, content, Special.NONE);
        }
    }

    enum Special { NONE, MISSING, DIRECTORY, FIFO }

    record Case(String name, Target target, Mutation mutation) {
    }

    static List<Target> targets() {
        List<Target> t = new ArrayList<>();
        String schemaJson = "{\"features\": [{\"name\": \"age\", \"type\": \"int\"}, {\"name\": \"city\", \"type\": \"string\"}, "
                + "{\"name\": \"score\", \"type\": \"float\"}]}\n";
        String schemaYaml = "features:\n- {name: age, type: int}\n- {name: city, type: string}\n- {name: score, type: float}\n";
        String suiteYaml = "name: s\ntask: classification\nthresholds:\n- {metric: accuracy, min: 0.5}\n";
        String suiteJson = "{\"name\": \"s\", \"task\": \"classification\", \"thresholds\": [{\"metric\": \"accuracy\", \"min\": 0.5}]}\n";
        String gatesYaml = "name: g\ntask: classification\ngates:\n- {metric: accuracy, higherIsBetter: true, threshold: 0.5}\n";
        String gatesJson = "{\"name\": \"g\", \"task\": \"classification\", \"gates\": [{\"metric\": \"accuracy\", \"higherIsBetter\": true, "
                + "\"threshold\": 0.5}]}\n";
        String infraYaml = "command: [/bin/true]\nport: 8080\nreadiness: {path: /healthz}\n";
        String infraJson = "{\"command\": [\"/bin/true\"], \"port\": 8080, \"readiness\": {\"path\": \"/healthz\"}}\n";
        String planYaml = "model: m\nstage: production\nstrategy: canary\nstable: {version: \"1.0.0\", address: \"127.0.0.1:8601\"}\n";
        String planJson = "{\"model\": \"m\", \"stage\": \"production\", \"strategy\": \"canary\"}\n";
        List<String> validateData = List.of("validate", "data", "{ws}/data.csv", "--schema", "{bad}", "--store", "{store}");
        t.add(new Target("schema", "schema.json", Kind.JSON, schemaJson, validateData));
        t.add(new Target("schema", "schema.yaml", Kind.YAML, schemaYaml, validateData));
        List<String> validateModel = List.of("validate", "model", "-w", "{root}", "--tests", "{bad}", "-p", "ws/p.csv", "--store", "{store}");
        t.add(new Target("suite", "suite.yaml", Kind.YAML, suiteYaml, validateModel));
        t.add(new Target("suite", "suite.json", Kind.JSON, suiteJson, validateModel));
        List<String> blessGates = List.of("bless", "-w", "{root}", "--gates", "{bad}", "--candidate", "ws/candidate.json", "--store", "{store}");
        t.add(new Target("gates", "gates.yaml", Kind.YAML, gatesYaml, blessGates));
        t.add(new Target("gates", "gates.json", Kind.JSON, gatesJson, blessGates));
        List<String> blessCandidate = List.of("bless", "-w", "{root}", "--gates", "ws/gates.yaml", "--candidate", "{bad}", "--store", "{store}");
        t.add(new Target("candidate metrics", "candidate.json", Kind.JSON, "{\"accuracy\": 0.9}\n", blessCandidate, Shape.OPEN));
        t.add(new Target("candidate metrics", "candidate.yaml", Kind.YAML, "accuracy: 0.9\n", blessCandidate, Shape.OPEN));
        List<String> blessBaseline = List.of("bless", "-w", "{root}", "--gates", "ws/gates.yaml", "--candidate", "ws/candidate.json",
                "--baseline", "{bad}", "--store", "{store}");
        t.add(new Target("baseline metrics", "baseline.json", Kind.JSON, "{\"accuracy\": 0.8}\n", blessBaseline, Shape.OPEN));
        List<String> infra = List.of("infra-validate", "-w", "{root}", "--spec", "{bad}", "--model", "ws/model", "--store", "{store}");
        t.add(new Target("infra spec", "infra.yaml", Kind.YAML, infraYaml, infra));
        t.add(new Target("infra spec", "infra.json", Kind.JSON, infraJson, infra));
        List<String> promote = List.of("promote", "--plan", "{bad}", "--state-dir", "{ws}/rollout-state", "--store", "{store}");
        t.add(new Target("rollout plan", "plan.yaml", Kind.YAML, planYaml, promote));
        t.add(new Target("rollout plan", "plan.json", Kind.JSON, planJson, promote));
        List<String> params = List.of("track", "-w", "{root}", "--params", "{bad}", "--store", "{store}");
        t.add(new Target("params", "params.json", Kind.JSON, "{\"lr\": 0.1, \"depth\": 3}\n", params, Shape.OPEN));
        t.add(new Target("params", "params.yaml", Kind.YAML, "lr: 0.1\ndepth: 3\n", params, Shape.OPEN));
        List<String> metrics = List.of("track", "-w", "{root}", "-m", "{bad}", "--store", "{store}");
        t.add(new Target("metrics", "metrics.json", Kind.JSON, "{\"auc\": 0.9, \"loss\": 0.2}\n", metrics, Shape.OPEN));
        t.add(new Target("metrics", "metrics.jsonl", Kind.JSONL, "{\"step\": 0, \"name\": \"loss\", \"value\": 0.5}\n", metrics, Shape.OPEN));
        t.add(new Target("metrics", "metrics.csv", Kind.CSV, "step,loss,auc\n0,0.5,0.7\n1,0.4,0.8\n", metrics, Shape.OPEN));
        List<String> predictions = List.of("validate", "model", "-w", "{root}", "--tests", "ws/suite.yaml", "-p", "{bad}", "--store", "{store}");
        t.add(new Target("predictions", "p.csv", Kind.CSV, "label,prediction,score\n1,1,0.9\n0,0,0.1\n", predictions));
        t.add(new Target("predictions", "p.jsonl", Kind.JSONL, "{\"label\": \"1\", \"prediction\": \"1\", \"score\": 0.9}\n"
                + "{\"label\": \"0\", \"prediction\": \"0\", \"score\": 0.1}\n", predictions));
        String dataCsv = "age,city,score\n34,Paris,0.5\n41,Lyon,0.7\n";
        String dataJsonl = "{\"age\": 34, \"city\": \"Paris\", \"score\": 0.5}\n";
        t.add(new Target("data", "data.csv", Kind.CSV, dataCsv,
                List.of("validate", "data", "{bad}", "--schema", "{ws}/schema.json", "--store", "{store}"), Shape.DATA));
        t.add(new Target("data", "data.jsonl", Kind.JSONL, dataJsonl,
                List.of("validate", "data", "{bad}", "--schema", "{ws}/schema.json", "--store", "{store}"), Shape.DATA));
        t.add(new Target("reference data", "ref.csv", Kind.CSV, dataCsv,
                List.of("validate", "data", "{ws}/data.csv", "--schema", "{ws}/schema.json", "--reference", "{bad}", "--store", "{store}"), Shape.DATA));
        t.add(new Target("serving data", "serving.jsonl", Kind.JSONL, dataJsonl,
                List.of("validate", "data", "{ws}/data.csv", "--schema", "{ws}/schema.json", "--serving", "{bad}", "--store", "{store}"), Shape.DATA));
        t.add(new Target("data to infer from", "infer.csv", Kind.CSV, dataCsv,
                List.of("schema", "infer", "{bad}", "--out", "{ws}/inferred.json"), Shape.DATA));
        t.add(new Target("data to infer from", "infer.jsonl", Kind.JSONL, dataJsonl,
                List.of("schema", "infer", "{bad}", "--out", "{ws}/inferred.json"), Shape.DATA));
        return t;
    }

    static List<Mutation> mutations(Target target) {
        Kind kind = target.kind();
        List<Mutation> m = new ArrayList<>();
        m.add(new Mutation("missing", t -> null, Special.MISSING));
        m.add(new Mutation("a directory", t -> null, Special.DIRECTORY));
        m.add(new Mutation("a named pipe", t -> null, Special.FIFO));
        m.add(new Mutation("empty", t -> new byte[0]));
        m.add(new Mutation("blank lines only", t -> bytes("\n  \n\n")));
        m.add(new Mutation("random binary", t -> randomBinary(4096)));
        m.add(new Mutation("a Latin-1 byte", t -> latin1(t.good())));
        m.add(new Mutation("UTF-16", t -> t.good().getBytes(StandardCharsets.UTF_16)));
        m.add(new Mutation("ends inside a UTF-8 character", t -> concat(t.good(), new byte[] {(byte) 0xE2, (byte) 0x82})));
        m.add(new Mutation("a gzip header without data", t -> new byte[] {0x1f, (byte) 0x8b, 8, 0}));
        if (target.shape() == Shape.DATA && !target.args().get(0).equals("schema")) {
            return m; // validate data reports a broken row as an anomaly (exit 1): only file-level spoils are bad input
        }
        switch (kind) {
            case JSON -> {
                m.add(new Mutation("cut in half", t -> bytes(t.good().substring(0, t.good().length() / 2))));
                m.add(new Mutation("a top-level array", t -> bytes("[1, 2, 3]\n")));
                m.add(new Mutation("a top-level number", t -> bytes("42\n")));
                m.add(new Mutation("a top-level string", t -> bytes("\"text\"\n")));
                m.add(new Mutation("null", t -> bytes("null\n")));
                m.add(new Mutation("trailing garbage", t -> bytes(t.good().strip() + " }}\n")));
                m.add(new Mutation("a duplicate key", t -> bytes(duplicateFirstKey(t.good()))));
                m.add(new Mutation("nested 5000 deep", t -> bytes("{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}")));
                m.add(new Mutation("NaN", t -> bytes("{\"a\": NaN}\n")));
                m.add(new Mutation("single quotes", t -> bytes(t.good().replace('"', '\''))));
                m.add(new Mutation("a comment", t -> bytes("// a comment\n" + t.good())));
                m.add(new Mutation("a NUL in a key", t -> bytes(t.good().replaceFirst("\"", "\"\\\\u0000"))));
                m.add(new Mutation("unquoted keys", t -> bytes(t.good().replaceAll("\"(\\w+)\":", "$1:"))));
            }
            case YAML -> {
                m.add(new Mutation("a top-level list", t -> bytes("- 1\n- 2\n")));
                m.add(new Mutation("a top-level number", t -> bytes("42\n")));
                m.add(new Mutation("null", t -> bytes("~\n")));
                m.add(new Mutation("a duplicate key", t -> bytes(t.good() + t.good().lines().findFirst().orElseThrow() + "\n")));
                m.add(new Mutation("an alias", t -> bytes("base: &b {x: 1}\nother: *b\n" + t.good())));
                m.add(new Mutation("a tag", t -> bytes(t.good().replaceFirst(": ", ": !!python/object ")))); 
                m.add(new Mutation("a custom tag", t -> bytes(t.good().replaceFirst(": ", ": !thing "))));
                m.add(new Mutation("tab indentation", t -> bytes("a:\n\tb: 1\n")));
                m.add(new Mutation("an unclosed flow list", t -> bytes(t.good() + "extra: [1, 2\n")));
                m.add(new Mutation("nested 5000 deep", t -> bytes("a: " + "[".repeat(5000) + "]".repeat(5000) + "\n")));
                m.add(new Mutation("two documents", t -> bytes(t.good() + "---\n" + t.good())));
                if (target.shape() == Shape.SPEC) {
                    m.add(new Mutation("an unknown key", t -> bytes(t.good() + "zzUnknownField: 1\n")));
                }
            }
            case CSV -> {
                m.add(new Mutation("an unclosed quote", t -> bytes(t.good() + "\"unclosed,1,2\n")));
                m.add(new Mutation("a NUL byte", t -> bytes(t.good().replaceFirst("\n", "\u0000\n"))));
                m.add(new Mutation("header only, cut", t -> bytes(t.good().substring(0, 3))));
                m.add(new Mutation("a duplicate column", t -> bytes(duplicateFirstColumn(t.good()))));
            }
            case JSONL -> {
                m.add(new Mutation("a line that is an array", t -> bytes(t.good() + "[1, 2]\n")));
                m.add(new Mutation("a cut line", t -> bytes(t.good() + "{\"a\": \n")));
                m.add(new Mutation("a line that is a number", t -> bytes(t.good() + "42\n")));
                m.add(new Mutation("a NUL byte", t -> bytes(t.good().replaceFirst("\n", "\u0000\n"))));
                m.add(new Mutation("a line nested 5000 deep", t -> bytes(t.good() + "{\"a\": " + "[".repeat(5000)
                        + "]".repeat(5000) + "}\n")));
            }
            default -> throw new IllegalArgumentException(String.valueOf(kind));
        }
        return m;
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Target t : targets()) {
            for (Mutation m : mutations(t)) {
                cases.add(new Case(t.name() + " " + t.fileName() + ": " + m.name(), t, m));
            }
        }
        return cases;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(String s, byte[] tail) {
        byte[] head = bytes(s);
        byte[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, out, head.length, tail.length);
        return out;
    }

    /** The good text with an e-acute in Latin-1 (one byte 0xE9) in its first line. */
    private static byte[] latin1(String good) {
        int at = good.indexOf('a') >= 0 ? good.indexOf('a') : 1;
        return (good.substring(0, at) + "\u00e9" + good.substring(at)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] randomBinary(int n) {
        byte[] b = new byte[n];
        new Random(16).nextBytes(b);
        b[0] = 0;
        return b;
    }

    private static String duplicateFirstKey(String json) {
        int open = json.indexOf('{');
        int comma = json.indexOf(',');
        int close = json.lastIndexOf('}');
        String first = comma > 0 && comma < close ? json.substring(open + 1, comma) : json.substring(open + 1, close);
        return "{" + first + ", " + json.substring(open + 1);
    }

    private static String duplicateFirstColumn(String csv) {
        StringBuilder out = new StringBuilder();
        for (String line : csv.split("\n")) {
            out.append(line.split(",")[0]).append(',').append(line).append('\n');
        }
        return out.toString();
    }
}
