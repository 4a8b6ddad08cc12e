package io.jenkins.plugins.mlops.core.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A workspace with the real breast-cancer model server (examples/breast-cancer/serve.py copied to
 * app/), a model trained once by the real train.py (run/model), and request checks built from real
 * validation rows the model classifies confidently. Shared by the infra tests of core and CLI.
 */
public final class ModelServerWorkspace {
    public static final String PYTHON = "/usr/bin/python3";

    public final Path root;
    public final Path example;

    private ModelServerWorkspace(Path root, Path example) {
        this.root = root;
        this.example = example;
    }

    /** Finds the repository's example by walking up from the working directory. */
    public static Path exampleDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples/breast-cancer");
            if (Files.exists(candidate.resolve("serve.py"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/breast-cancer not found above " + Path.of("").toAbsolutePath());
    }

    /** Copies the server, trains the model (about 2 s) and writes checks.jsonl. */
    public static ModelServerWorkspace create(Path root) throws IOException, InterruptedException {
        Path example = exampleDir();
        Files.createDirectories(root.resolve("app"));
        Files.copy(example.resolve("serve.py"), root.resolve("app/serve.py"));
        Process train = new ProcessBuilder(PYTHON, example.resolve("train.py").toString(), "--out", root.resolve("run").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("train.log").toFile()).start();
        if (!train.waitFor(120, TimeUnit.SECONDS) || train.exitValue() != 0) {
            train.destroyForcibly();
            throw new IllegalStateException("train.py failed: " + Files.readString(root.resolve("train.log")));
        }
        ModelServerWorkspace ws = new ModelServerWorkspace(root, example);
        ws.writeChecks();
        return ws;
    }

    /** Two confident validation rows (one per class), and a malformed request that must get 400. */
    private void writeChecks() throws IOException {
        List<String> valid = Files.readAllLines(example.resolve("data/valid.csv"));
        List<String> predictions = Files.readAllLines(root.resolve("run/predictions.csv"));
        String benign = null;
        String malignant = null;
        for (int i = 1; i < predictions.size(); i++) {
            String[] p = predictions.get(i).split(",");
            int id = Integer.parseInt(p[0]);
            double score = Double.parseDouble(p[3]);
            String[] row = valid.get(id + 1).split(",");
            String features = String.join(",", List.of(row).subList(0, row.length - 1));
            if (benign == null && p[1].equals("1") && score > 0.9) {
                benign = features;
            } else if (malignant == null && p[1].equals("0") && score < 0.1) {
                malignant = features;
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("# real validation rows the model classifies confidently");
        lines.add("{\"name\": \"benign row\", \"method\": \"POST\", \"path\": \"/predict\", \"body\": {\"instances\": [[" + benign
                + "]]}, \"expectStatus\": 200, \"expect\": {\"/predictions\": {\"length\": 1}, \"/predictions/0\": {\"equals\": 1},"
                + " \"/scores/0\": {\"min\": 0.5, \"max\": 1.0}}}");
        lines.add("{\"name\": \"malignant row\", \"path\": \"/predict\", \"body\": {\"instances\": [[" + malignant
                + "]]}, \"expect\": {\"/predictions/0\": {\"equals\": 0}, \"/scores/0\": {\"min\": 0, \"max\": 0.5}}}");
        lines.add("{\"name\": \"too few features is refused\", \"path\": \"/predict\", \"body\": {\"instances\": [[1, 2]]},"
                + " \"expectStatus\": 400, \"expect\": {\"/error\": {\"present\": true}}}");
        Files.write(root.resolve("checks.jsonl"), lines, StandardCharsets.UTF_8);
        Files.writeString(root.resolve("request.json"), "{\"instances\": [[" + benign + "]]}");
    }

    /**
     * Writes a spec for the real server and returns its path.
     *
     * @param extra YAML lines appended at the top level (load:, readiness: overrides ...)
     */
    public Path spec(String name, String backend, int memoryMb, Map<String, String> env, String extra) throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("command: [\"/usr/bin/python3\", \"/app/serve.py\", \"--model-dir\", \"${MODEL_DIR}\", \"--port\", \"${PORT}\"]\n");
        y.append("modelDir: run/model\n");
        y.append("mounts:\n  - {source: app, target: /app}\n");
        if (!env.isEmpty()) {
            y.append("env:\n");
            env.forEach((k, v) -> y.append("  ").append(k).append(": \"").append(v).append("\"\n"));
        }
        y.append("sandbox: {backend: ").append(backend).append(", memoryMb: ").append(memoryMb).append(", cpus: 1}\n");
        y.append("checks: {file: checks.jsonl, timeoutSeconds: 10}\n");
        if (!extra.contains("readiness:")) {
            y.append("readiness: {path: /healthz, maxLoadSeconds: 60, pollIntervalMs: 100}\n");
        }
        y.append(extra);
        Path spec = root.resolve(name + ".yaml");
        Files.writeString(spec, y.toString());
        return spec;
    }
}
