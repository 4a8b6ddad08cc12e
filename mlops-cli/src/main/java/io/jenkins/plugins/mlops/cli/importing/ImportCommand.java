package io.jenkins.plugins.mlops.cli.importing;

import picocli.CommandLine.Command;

/** {@code mlops import}: bring runs recorded by another tool into the run store. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Import runs recorded by another tool into the run store.",
        subcommands = {MlflowImportCommand.class})
public final class ImportCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: mlflow");
    }
}
