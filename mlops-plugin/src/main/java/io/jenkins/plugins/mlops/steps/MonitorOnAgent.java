package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.monitor.Monitor;
import io.jenkins.plugins.mlops.core.monitor.MonitorRequest;
import io.jenkins.plugins.mlops.core.monitor.MonitorTarget;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs core's {@link Monitor} where the serving logs are (on the agent). The version and what its
 * lineage names were read on the controller, where the registry is; here every path, the
 * lineage's too, is resolved inside the workspace (a lineage path that leads out is refused), and
 * a log entry may be a pattern in its file name ({@code logs/serving-*.jsonl.gz}, matches in name order).
 */
public final class MonitorOnAgent extends StageOnAgent {
    private static final long serialVersionUID = 1L;

    private final MonitorRequest request;
    private final MonitorTarget target;
    private final long nowMillis;

    public MonitorOnAgent(MonitorRequest request, MonitorTarget target, Instant now) {
        this.request = request;
        this.target = target;
        this.nowMillis = now.toEpochMilli();
    }

    @Override
    List<StageOutcome> results(Path root) {
        List<String> logs = new ArrayList<>();
        for (String entry : request.logs()) {
            logs.addAll(expand(root, entry));
        }
        MonitorRequest inside = new MonitorRequest(logs, request.since(), request.until(), request.last(),
                inside(root, request.training(), "training"), request.trainingDataset(), inside(root, request.schema(), "schema"),
                inside(root, request.trainingPredictions(), "trainingPredictions"), inside(root, request.labels(), "labels"),
                request.prometheus(), request.healthWindow(), request.minimums(), request.maxErrorRate(),
                request.maxLatencyP99Ms(), request.predictionThreshold(), request.resamples(), request.threads());
        MonitorTarget lineage = new MonitorTarget(target.model(), target.version(), target.knownVersions(),
                fromLineage(root, target.trainingData(), "training"), target.trainingSha256(),
                fromLineage(root, target.schema(), "schema"),
                fromLineage(root, target.trainingPredictions(), "trainingPredictions"));
        return List.of(Monitor.check(inside, lineage, root, Instant.ofEpochMilli(nowMillis)));
    }

    private static String inside(Path root, String path, String what) {
        return path == null ? null : SafePaths.resolveInside(root, path, what).toString();
    }

    /**
     * A path the version's lineage recorded: relative to the working directory, or absolute where the
     * training build's workspace was (mlValidate records the agent's path). An absolute one is used
     * only inside this workspace; elsewhere the step asks for the file by its parameter.
     */
    private static String fromLineage(Path root, String path, String parameter) {
        if (path == null) {
            return null;
        }
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
            return inside(root, path, parameter);
        }
        Path base = root.toAbsolutePath().normalize();
        Path normal = p.normalize();
        if (!normal.startsWith(base)) {
            throw new BadInputException(MlopsMessages.MonitorStep_LineageOutside.text(parameter, path, base));
        }
        return inside(root, base.relativize(normal).toString(), parameter);
    }

    /** The files a log entry names: itself, or the matches of a pattern in its file name, in name order. */
    static List<String> expand(Path root, String entry) {
        String normal = entry.replace('\\', '/');
        int slash = normal.lastIndexOf('/');
        String name = normal.substring(slash + 1);
        if (!name.contains("*") && !name.contains("?")) {
            return List.of(SafePaths.resolveInside(root, entry, "logs").toString());
        }
        Path dir = slash < 0 ? root : SafePaths.resolveInside(root, normal.substring(0, slash), "logs");
        List<String> matches = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, name)) {
                for (Path f : files) {
                    if (Files.isRegularFile(f)) {
                        matches.add(SafePaths.resolveInside(root, root.relativize(f).toString(), "logs").toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (matches.isEmpty()) {
            throw new BadInputException(MlopsMessages.MonitorStep_NoLogMatches.text(entry, root));
        }
        matches.sort(null);
        return matches;
    }
}
