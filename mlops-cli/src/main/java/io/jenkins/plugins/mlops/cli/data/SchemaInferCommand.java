package io.jenkins.plugins.mlops.cli.data;

import io.jenkins.plugins.mlops.core.data.DataSchema;
import io.jenkins.plugins.mlops.core.data.DatasetScan;
import io.jenkins.plugins.mlops.core.data.SchemaInference;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.OutputPaths;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mlops schema infer DATA [--out schema.json]}: a starting schema from reference data. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Write a starting schema (review it, then commit it) inferred from reference data.")
public final class SchemaInferCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA", description = "CSV, JSON Lines (optionally .gz) or Parquet file, or a directory of part files of one of them.")
    Path data;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the schema here (.json, or .yaml/.yml for YAML) instead of printing it.")
    Path out;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "CSV field delimiter (default ',' or tab for .tsv).")
    Character delimiter;

    @Option(names = "--debug", description = "Print stack traces of errors.")
    boolean debug;

    @picocli.CommandLine.Mixin
    EngineOption engine;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            OutputPaths.requireFile(out, "--out");
        }
        var scanner = engine.selected();
        DatasetScan scan = scanner == null ? DatasetScan.of(data, null, delimiter, Runtime.getRuntime().availableProcessors())
                : scanner.scan(data.toString(), null, delimiter, engine.master());
        DataSchema schema = SchemaInference.infer(scan.statistics(), data);
        if (out == null) {
            spec.commandLine().getOut().println(Json.pretty(schema));
        } else {
            String text = Json.isYaml(out) ? Json.yaml().writeValueAsString(schema) : Json.pretty(schema) + "\n";
            AtomicFiles.writeString(out, text);
            spec.commandLine().getErr().println("wrote " + out + ": " + schema.features().size() + " features from "
                    + scan.statistics().rows() + " rows of " + data);
        }
        return 0;
    }
}
