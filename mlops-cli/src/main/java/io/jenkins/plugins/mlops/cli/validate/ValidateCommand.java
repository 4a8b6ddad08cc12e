package io.jenkins.plugins.mlops.cli.validate;

import io.jenkins.plugins.mlops.cli.data.ValidateDataCommand;
import io.jenkins.plugins.mlops.cli.model.ValidateModelCommand;
import io.jenkins.plugins.mlops.cli.notebook.ValidateNotebookCommand;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mlops validate}: the parent of the validation stages ({@code data}, {@code model}, {@code notebook}).
 * Each stage adds its subcommand class to the list below.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate data against a schema ('validate data'), a model against its tests ('validate model')"
                + " or smoke-test a notebook ('validate notebook').")
public final class ValidateCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. Not in the annotation: picocli would reflect over all of
     * them on every run; MlopsCommand adds only the one a command line names (all for help).
     */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            ValidateDataCommand.class,
            ValidateModelCommand.class,
            ValidateNotebookCommand.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name what to validate, e.g. 'mlops validate data --help'");
    }
}
