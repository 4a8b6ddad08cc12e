package io.jenkins.plugins.mlops.cli.importing;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code mlops import}: bring runs recorded by another tool into the run store. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import runs recorded by another tool into the run store.")
public final class ImportCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. Not in the annotation: picocli would reflect over all of
     * them on every run; MlopsCommand adds only the one a command line names (all for help).
     */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            MlflowImportCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: mlflow");
    }
}
