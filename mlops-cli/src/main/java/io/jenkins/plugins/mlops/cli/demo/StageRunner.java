package io.jenkins.plugins.mlops.cli.demo;

import io.jenkins.plugins.mlops.cli.MlopsCommand;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs {@code mlops} commands in-process exactly as a user types them, and prints one line per
 * stage: its verdict and the measured values that decided it (the stage's summary in the run).
 */
final class StageRunner {
    /** One command's outcome. */
    record Result(int exitCode, String out, String err) {
    }

    private final RunStore store;
    private final PrintWriter progress;

    StageRunner(RunStore store, PrintWriter progress) {
        this.store = store;
        this.progress = progress;
    }

    Result mlops(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = MlopsCommand.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Result result = new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        if (code == 2) {
            throw new BadInputException("mlops " + args[0] + " refused its input: " + result.err().strip());
        }
        if (code > 2) {
            throw new InfrastructureException("mlops " + args[0] + " failed: " + result.err().strip());
        }
        return result;
    }

    /** Runs a stage command that records {@code stage} into {@code runId}, prints its line, says whether it passed. */
    boolean stage(String label, String stage, String runId, String... args) {
        Result result = mlops(args);
        StageResult recorded = store.read(runId).stages().get(stage);
        if (recorded == null) {
            throw new InfrastructureException("mlops " + args[0] + " recorded no '" + stage + "' stage: " + result.err());
        }
        line(label, recorded.verdict(), recorded.summary());
        return result.exitCode() == 0 && recorded.passed();
    }

    void line(String stage, String verdict, String detail) {
        progress.printf(Locale.ROOT, "  %-16s %-18s %s%n", stage, verdict, detail == null ? "" : detail.strip());
        progress.flush();
    }
}
