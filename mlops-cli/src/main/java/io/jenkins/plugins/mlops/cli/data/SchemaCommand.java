package io.jenkins.plugins.mlops.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mlops schema}: schema tools ({@code infer}). */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "Data schema tools.",
        subcommands = {SchemaInferCommand.class})
public final class SchemaCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a schema command, e.g. 'mlops schema infer --help'");
    }
}
