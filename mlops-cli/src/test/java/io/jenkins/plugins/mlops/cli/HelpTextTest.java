package io.jenkins.plugins.mlops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's --help reads as prose: no picocli format warnings, and no line that stops mid-sentence. */
public class HelpTextTest {
    private static List<CommandLine> everyCommand() {
        List<CommandLine> all = new ArrayList<>();
        collect(MlopsCommand.commandLine(), all); // no arguments: the whole tree
        return all;
    }

    private static void collect(CommandLine command, List<CommandLine> into) {
        into.add(command);
        command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
    }

    @Test
    public void helpOfEveryCommandPrintsWithoutFormatWarnings() {
        PrintStream original = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (CommandLine command : everyCommand()) {
                command.getUsageMessage();
            }
        } finally {
            System.setErr(original);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    @Test
    public void noDescriptionLineOfTheCommandsStopsMidSentence() {
        List<String> cut = new ArrayList<>();
        for (CommandLine command : everyCommand()) {
            CommandSpec spec = command.getCommandSpec();
            if (spec.qualifiedName().startsWith("mlops registry") || spec.qualifiedName().equals("mlops publish")) {
                continue; // the registry's commands are another change's; their texts are checked there
            }
            List<String> lines = new ArrayList<>(List.of(spec.usageMessage().description()));
            lines.addAll(List.of(spec.usageMessage().footer()));
            for (OptionSpec option : spec.options()) {
                lines.addAll(List.of(option.description()));
            }
            for (String line : lines) {
                String text = line.replaceAll("(%n)+$", "").strip();
                if (!text.isEmpty() && !text.matches("(?s).*[.:)!?\"']$")) {
                    cut.add(spec.qualifiedName() + ": " + text);
                }
            }
        }
        assertThat(cut).as("help lines that end mid-sentence (picocli starts a new line for each)").isEmpty();
    }
}
