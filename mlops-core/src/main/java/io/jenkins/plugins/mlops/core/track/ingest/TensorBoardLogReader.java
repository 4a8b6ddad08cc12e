package io.jenkins.plugins.mlops.core.track.ingest;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A TensorBoard log directory (or one event file) read as TensorBoard shows it: every file whose
 * name holds "tfevents" is an event file; the directory it is in, relative to the log directory,
 * is its run, and a run's files are read in name order (their names start with the time they
 * were opened). One series per run and tag, named {@code run/tag} ({@code tag} alone for files
 * in the log directory itself): {@code train/loss}, {@code validation/loss}. Wall times become
 * the points' timestamps in milliseconds, rounded; values are kept as written, NaN included, as
 * for an MLflow run. The hparams plugin's hyperparameters become params.
 */
public final class TensorBoardLogReader {
    private TensorBoardLogReader() {
    }

    /** TensorBoard's own test for an event file: the name holds "tfevents". */
    public static boolean isEventFile(Path file) {
        return file.getFileName() != null && file.getFileName().toString().contains("tfevents");
    }

    /** True when the directory, or any below it, holds an event file. */
    public static boolean holdsEventFiles(Path dir) {
        return !eventFiles(dir).isEmpty();
    }

    static IngestedMetrics read(Path source) {
        Map<String, List<Path>> runs = new TreeMap<>();
        if (Files.isDirectory(source)) {
            for (Path file : eventFiles(source)) {
                Path parent = source.relativize(file).getParent();
                runs.computeIfAbsent(parent == null ? "" : parent.toString().replace('\\', '/'), r -> new ArrayList<>())
                        .add(file);
            }
        } else {
            runs.put("", List.of(source));
        }
        Collector collector = new Collector();
        runs.forEach((run, files) -> {
            TensorBoardEventDecoder decoder = new TensorBoardEventDecoder(collector.forRun(run));
            for (Path file : files) {
                collector.file = file;
                TfRecordReader.Outcome outcome = TfRecordReader.read(file, (buffer, from, length, offset) -> {
                    try {
                        decoder.decode(buffer, from, length, offset);
                    } catch (TensorBoardEventDecoder.MalformedEvent e) {
                        throw BadInputException.at(file, 0, "byte offset " + offset + ": " + e.getMessage(),
                                "point at TensorBoard event files (events.out.tfevents.*) only");
                    }
                });
                if (outcome.partial()) {
                    collector.warnings.add(file + ": ends in a partial record at byte offset " + outcome.partialAt()
                            + " (the file is still being written?): read the " + outcome.records() + " whole records before it");
                }
            }
        });
        if (collector.series.isEmpty() && collector.params.isEmpty()) {
            throw BadInputException.at(source, 0, "the TensorBoard log holds no scalar summaries",
                    "log scalars (tf.summary.scalar, SummaryWriter.add_scalar) before tracking the log");
        }
        Map<String, MetricSeries> metrics = new LinkedHashMap<>();
        collector.series.forEach((key, builder) -> metrics.put(key, builder.build()));
        return new IngestedMetrics(metrics, collector.params, Map.of(), null, null, List.copyOf(collector.warnings));
    }

    /** The event files below {@code dir}, sorted by path; links are not followed (they could lead out of the workspace). */
    private static List<Path> eventFiles(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && isEventFile(p)).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw BadInputException.at(dir, 0, "cannot list: " + e.getMessage(), "check the log directory");
        }
    }

    /** Gathers every run's points and hyperparameters into series named run/tag. */
    private static final class Collector {
        final Map<String, SeriesBuilder> series = new TreeMap<>();
        final Map<String, String> params = new TreeMap<>();
        final Map<String, Path> paramSource = new TreeMap<>();
        final List<String> warnings = new ArrayList<>();
        final java.util.Set<String> unread = new java.util.HashSet<>();
        Path file;

        TensorBoardEventDecoder.Sink forRun(String run) {
            String prefix = run.isEmpty() ? "" : run + "/";
            Map<String, SeriesBuilder> byTag = new java.util.HashMap<>(); // this run's series: no key built per point
            return new TensorBoardEventDecoder.Sink() {
                private String lastTag;
                private SeriesBuilder last;

                @Override
                public void scalar(String tag, long step, double value, double wallTime, long offset) {
                    if (!tag.equals(lastTag)) {
                        last = byTag.get(tag);
                        if (last == null) {
                            String key = prefix + tag;
                            MetricValues.validKey(key, file, 0);
                            if (series.containsKey(key)) { // run a, tag b/c and run a/b, tag c
                                throw BadInputException.at(file, 0, "byte offset " + offset + ": the series '" + key
                                        + "' comes from two runs (directories) of the log", "rename the tag or the directory");
                            }
                            last = new SeriesBuilder(key, 1024);
                            byTag.put(tag, last);
                            series.put(key, last);
                        }
                        lastTag = tag;
                    }
                    last.add(step, value, Math.round(wallTime * 1000));
                }

                @Override
                public void unreadScalar(String tag, long offset) {
                    if (unread.add(prefix + tag)) {
                        warnings.add(file + ": byte offset " + offset + ": the scalar '" + tag + "' is a tensor of a type"
                                + " tracking does not read (it reads float, double, int32 and int64): its points are left out");
                    }
                }

                @Override
                public void hparam(String name, String value, long offset) {
                    String old = params.putIfAbsent(name, value);
                    if (old != null && !old.equals(value)) {
                        throw BadInputException.at(file, 0, "byte offset " + offset + ": hyperparameter '" + name
                                + "' is " + value + " here but " + old + " in " + paramSource.get(name),
                                "track one TensorBoard run at a time (-m logs/RUN) when the runs differ in their hyperparameters");
                    }
                    paramSource.putIfAbsent(name, file);
                }
            };
        }
    }
}
