package io.jenkins.plugins.mlops.cli.validate;

import io.jenkins.plugins.mlops.cli.data.ValidateDataCommand;
import io.jenkins.plugins.mlops.cli.model.ValidateModelCommand;
import io.jenkins.plugins.mlops.cli.notebook.ValidateNotebookCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mlops validate}: the parent of the validation stages ({@code data}, {@code model}, {@code notebook}).
 * Each stage adds its subcommand class to the list below.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate data against a schema ('validate data'), a model against its tests ('validate model')"
                + " or smoke-test a notebook ('validate notebook').",
        subcommands = {
            ValidateDataCommand.class,
            ValidateModelCommand.class,
            ValidateNotebookCommand.class
        })
public final class ValidateCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to validate, e.g. 'mlops validate data --help'");
    }
}
