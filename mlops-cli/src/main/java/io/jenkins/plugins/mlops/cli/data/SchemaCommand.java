package io.jenkins.plugins.mlops.cli.data;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mlops schema}: schema tools ({@code infer}). */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Data schema tools.")
public final class SchemaCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. Not in the annotation: picocli would reflect over all of
     * them on every run; MlopsCommand adds only the one a command line names (all for help).
     */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            SchemaInferCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a schema command, e.g. 'mlops schema infer --help'");
    }
}
