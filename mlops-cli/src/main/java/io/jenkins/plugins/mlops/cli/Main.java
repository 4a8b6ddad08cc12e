package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.io.Json;

/** Entry point of the {@code mlops} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-") && !args[0].equals("help")) {
            startJsonOnSecondCore();
        }
        System.exit(MlopsCommand.execute(args, System.out, System.err));
    }

    /**
     * Nearly every command reads or writes JSON, and making Jackson's mapper is a fixed cost of tens of
     * milliseconds in a fresh JVM (its classes, date formats, modules). It is made on another thread while
     * this one builds the command line, so the two halves of start-up run on two cores; a command that
     * reaches the mapper first simply waits for it. Help and the version need no JSON and do not start it.
     */
    private static void startJsonOnSecondCore() {
        Thread warmUp = new Thread(Json::mapper, "mlops-json-start");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
