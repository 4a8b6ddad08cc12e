package io.jenkins.plugins.mlops.cli.data;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code mlops validate}: a parent for {@code validate data} (and, later, {@code validate model}). */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate data against a schema, or models against their tests.",
        subcommands = {ValidateDataCommand.class})
public final class ValidateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to validate, e.g. 'mlops validate data --help'");
    }
}
