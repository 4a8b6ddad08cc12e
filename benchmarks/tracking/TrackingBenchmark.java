import io.jenkins.plugins.mlops.core.report.ComparisonReport;
import io.jenkins.plugins.mlops.core.track.CiSource;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import io.jenkins.plugins.mlops.core.track.TrackRequest;
import io.jenkins.plugins.mlops.core.track.Tracker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tracking benchmark in one long-lived JVM, as the plugin runs it: mlTrack ingests on a
 * Jenkins agent and the job page renders on the controller, both JVMs that live for days. Run by
 * run.sh with the CLI jar on the class path; the CLI's cold, one-shot process is timed there.
 *   ingest WORKSPACE FILE STORE_PARENT N   track FILE (+ write the record) N times
 *   render STORE N                        read the store once, build + render the page N times
 * Each prints the first (cold) time and the median of the rest (warm).
 */
public class TrackingBenchmark {
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "ingest" -> ingest(Path.of(args[1]), args[2], Path.of(args[3]), Integer.parseInt(args[4]));
            case "render" -> render(Path.of(args[1]), Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("ingest | render");
        }
    }

    private static void ingest(Path workspace, String metrics, Path storeParent, int times) throws Exception {
        List<Long> ms = new ArrayList<>();
        long points = 0;
        for (int i = 0; i < times; i++) {
            Path storeDir = Files.createTempDirectory(storeParent, "ingest-");
            TrackRequest request = new TrackRequest("bench", null, Map.of(), List.of(), List.of(metrics), Map.of(), null,
                    Map.of(), List.of(), CiSource.local());
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            RunRecord record = new Tracker(workspace).track(request, RunStore.newRunId(start), start);
            new RunStore(storeDir).create(record);
            ms.add((System.nanoTime() - t0) / 1_000_000);
            points = record.metrics().values().stream().mapToLong(m -> m.count()).sum();
        }
        System.out.printf(Locale.ROOT, "ingest %d points + write, one JVM: first %d ms, then median %d ms of %d%n",
                points, ms.get(0), median(ms.subList(1, ms.size())), ms.size() - 1);
    }

    private static void render(Path storeDir, int times) {
        List<RunRecord> runs = new RunStore(storeDir).list();
        List<Long> ms = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            String page = ComparisonReport.of("Run comparison", runs, ComparisonReport.DEFAULT_CHART_RUNS).toHtmlPage();
            ms.add((System.nanoTime() - t0) / 1_000_000);
            size = page.length();
        }
        System.out.printf(Locale.ROOT, "render %d runs (%d chars), one JVM: first %d ms, then median %d ms of %d%n",
                runs.size(), size, ms.get(0), median(ms.subList(1, ms.size())), ms.size() - 1);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
