package io.jenkins.plugins.mlops.cli;

import picocli.CommandLine.Option;

/** {@code --json}, mixed into every command that can print its result for a machine. */
public final class JsonOption {
    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    /** Whether the result is printed as JSON instead of lines for a reader. */
    public boolean requested() {
        return json;
    }
}
