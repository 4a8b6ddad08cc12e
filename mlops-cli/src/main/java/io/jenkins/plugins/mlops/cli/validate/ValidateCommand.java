package io.jenkins.plugins.mlops.cli.validate;

import io.jenkins.plugins.mlops.cli.model.ValidateModelCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mlops validate}: the parent of the validation stages ({@code model}; {@code data} joins
 * here too). Each stage adds its subcommand class to the list below.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate a stage's inputs or outputs: 'mlops validate model' runs model tests.",
        subcommands = {
            ValidateModelCommand.class
        })
public final class ValidateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to validate, e.g. 'mlops validate model --help'");
    }
}
