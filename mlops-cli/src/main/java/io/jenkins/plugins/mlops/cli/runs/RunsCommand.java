package io.jenkins.plugins.mlops.cli.runs;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code mlops runs}: list, show and compare runs. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, show and compare runs.")
public final class RunsCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. Not in the annotation: picocli would reflect over all of
     * them on every run; MlopsCommand adds only the one a command line names (all for help).
     */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            RunsListCommand.class,
            RunsShowCommand.class,
            RunsCompareCommand.class);

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: list, show or compare");
    }
}
