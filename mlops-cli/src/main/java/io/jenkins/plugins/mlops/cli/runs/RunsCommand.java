package io.jenkins.plugins.mlops.cli.runs;

import picocli.CommandLine.Command;

/** {@code mlops runs}: list, show and compare runs. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, show and compare runs.",
        subcommands = {RunsListCommand.class, RunsShowCommand.class, RunsCompareCommand.class})
public final class RunsCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, show or compare");
    }
}
