package io.jenkins.plugins.mlops.cli;

/** Entry point of the {@code mlops} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(MlopsCommand.execute(args, System.out, System.err));
    }
}
