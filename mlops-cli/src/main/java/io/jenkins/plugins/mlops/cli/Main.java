package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.core.data.DataSchema;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.io.Json;
import java.util.List;
import java.util.Map;

/** Entry point of the {@code mlops} command. */
public final class Main {
    private Main() {
    }

    /**
     * What a command reads and writes as JSON, made ready with the mapper (a command whose result is written
     * only after a long scan would otherwise make its serializers then, on its critical path).
     */
    private static final Map<String, Runnable> PREPARED_JSON = Map.of(
            "validate data", () -> Json.prepare(List.of(DataSchema.class), List.of(DataValidationResult.class)));

    public static void main(String[] args) {
        if (args.length > 0 && !args[0].startsWith("-") && !args[0].equals("help")) {
            startJsonOnSecondCore(PREPARED_JSON.get(args.length > 1 ? args[0] + " " + args[1] : args[0]));
        }
        System.exit(MlopsCommand.execute(args, System.out, System.err));
    }

    /**
     * Nearly every command reads or writes JSON, and making Jackson's mapper is a fixed cost of tens of
     * milliseconds in a fresh JVM (its classes, date formats, modules). It is made on another thread while
     * this one builds the command line, so the two halves of start-up run on two cores; a command that
     * reaches the mapper first simply waits for it. Help and the version need no JSON and do not start it.
     * With {@code prepare}, the thread then also makes what that command reads and writes.
     */
    private static void startJsonOnSecondCore(Runnable prepare) {
        Thread warmUp = new Thread(prepare == null ? Json::mapper : prepare, "mlops-json-start");
        warmUp.setDaemon(true);
        warmUp.start();
    }
}
