package io.jenkins.plugins.mlops.cli.runs;

import picocli.CommandLine.Command;

/** {@code mlops runs}: list, show and compare runs. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, show and compare runs.")
public final class RunsCommand {
}
