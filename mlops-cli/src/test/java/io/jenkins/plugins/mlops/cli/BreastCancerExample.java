package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.cli.demo.DemoPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The repository's examples/breast-cancer, found from the working directory, and its model trained by its own train.py. */
public final class BreastCancerExample {
    public static final Path DIR = find();

    private BreastCancerExample() {
    }

    private static Path find() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("examples/breast-cancer"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository root (examples/breast-cancer)");
        }
        return p.resolve("examples/breast-cancer");
    }

    /** Trains the example's model into {@code out} (its log beside it) and returns the model directory. */
    public static Path train(Path out) throws Exception {
        Path log = out.resolveSibling(out.getFileName() + "-train.log");
        Process train = new ProcessBuilder(DemoPipeline.PYTHON, DIR.resolve("train.py").toString(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!train.waitFor(120, TimeUnit.SECONDS) || train.exitValue() != 0) {
            train.destroyForcibly();
            throw new IllegalStateException("training failed: " + Files.readString(log));
        }
        return out.resolve("model");
    }
}
