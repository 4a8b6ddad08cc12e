package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import picocli.CommandLine;

/** A command line builds only the branch of commands it names, and that branch reads exactly as in the whole tree. */
public class CommandTreeTest {
    @Test
    public void aNamedSubcommandBuildsOnlyItsBranch() {
        CommandLine cli = MlopsCommand.commandLine("validate", "data", "x.csv");
        assertThat(cli.getSubcommands()).containsOnlyKeys("validate");
        assertThat(cli.getSubcommands().get("validate").getSubcommands()).containsOnlyKeys("data");
        assertThat(MlopsCommand.commandLine("--version").getSubcommands()).isEmpty();
    }

    @Test
    public void anUnknownSubcommandGetsEverySiblingSoItsMessageAndSuggestionsStayTheSame() {
        CommandLine cli = MlopsCommand.commandLine("validate", "dat");
        assertThat(cli.getSubcommands().get("validate").getSubcommands()).containsKeys("data", "model", "notebook");
    }

    @Test
    public void everyCommandsHelpIsTheSameAsInTheWholeTree() {
        CommandLine whole = MlopsCommand.commandLine();
        List<String> checked = new ArrayList<>();
        compare(whole, new ArrayList<>(), checked);
        assertThat(checked).contains("validate data", "registry gc", "runs list", "schema infer", "import mlflow", "track");
        assertThat(MlopsCommand.commandLine("--help").getUsageMessage()).isEqualTo(whole.getUsageMessage());
        assertThat(MlopsCommand.commandLine("--version").getCommandSpec().version())
                .isEqualTo(whole.getCommandSpec().version());
    }

    private static void compare(CommandLine inWhole, List<String> path, List<String> checked) {
        inWhole.getSubcommands().forEach((name, sub) -> {
            if (!name.equals(sub.getCommandName())) {
                return; // an alias: the same command
            }
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            CommandLine branch = MlopsCommand.commandLine(subPath.toArray(String[]::new));
            for (String step : subPath) {
                branch = branch.getSubcommands().get(step);
            }
            assertThat(branch.getUsageMessage()).as(String.join(" ", subPath)).isEqualTo(sub.getUsageMessage());
            checked.add(String.join(" ", subPath));
            compare(sub, subPath, checked);
        });
    }
}
