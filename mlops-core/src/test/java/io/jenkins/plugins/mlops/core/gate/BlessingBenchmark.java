package io.jenkins.plugins.mlops.core.gate;

import io.jenkins.plugins.mlops.core.model.MetricEvaluator;
import io.jenkins.plugins.mlops.core.model.MetricFunction;
import io.jenkins.plugins.mlops.core.model.MetricSet;
import io.jenkins.plugins.mlops.core.model.PredictionColumns;
import io.jenkins.plugins.mlops.core.model.PredictionPairing;
import io.jenkins.plugins.mlops.core.model.Predictions;
import io.jenkins.plugins.mlops.core.model.PredictionsReader;
import io.jenkins.plugins.mlops.core.model.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * benchmarks/model-metrics/run.sh: every classification metric of a candidate and a baseline, then
 * a paired Poisson bootstrap (roc_auc, average_precision, accuracy, log_loss) with N resamples.
 * Usage: BlessingBenchmark CANDIDATE.csv BASELINE.csv RESAMPLES [METRIC,METRIC...]
 *        BlessingBenchmark --read-only CANDIDATE.csv BASELINE.csv   (only reads both files: MLOPS_READ_SECONDS)
 * Prints wall time and process CPU time of each phase (on a shared machine CPU time is the stable figure).
 */
public final class BlessingBenchmark {
    public static void main(String[] args) {
        if (args[0].equals("--read-only")) {
            long t0 = System.nanoTime();
            PredictionsReader reader = new PredictionsReader(PredictionColumns.DEFAULT, Task.CLASSIFICATION, null);
            int rows = reader.read(Path.of(args[1])).size() + reader.read(Path.of(args[2])).size();
            System.out.printf(Locale.ROOT, "MLOPS_READ_ROWS=%d%nMLOPS_READ_SECONDS=%.3f%n", rows, (System.nanoTime() - t0) / 1e9);
            return;
        }
        Path candidateFile = Path.of(args[0]);
        Path baselineFile = Path.of(args[1]);
        int resamples = Integer.parseInt(args[2]);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        PredictionsReader reader = new PredictionsReader(PredictionColumns.DEFAULT, Task.CLASSIFICATION, null);
        Predictions candidate = reader.read(candidateFile);
        Predictions baseline = reader.read(baselineFile);
        long tRead = System.nanoTime();
        long cRead = os.getProcessCpuTime();
        baseline = PredictionPairing.alignTo(candidate, baseline);
        int[] rows = PredictionPairing.scoreOrder(candidate);
        candidate = candidate.subset(rows);
        baseline = baseline.subset(rows);
        long t1 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        MetricEvaluator c = MetricEvaluator.of(candidate);
        MetricEvaluator b = MetricEvaluator.of(baseline);
        MetricSet cm = c.evaluate();
        MetricSet bm = b.evaluate();
        long t2 = System.nanoTime();
        long c2 = os.getProcessCpuTime();
        List<String> gated = args.length > 3 ? List.of(args[3].split(","))
                : List.of("roc_auc", "average_precision", "accuracy", "log_loss");
        List<MetricFunction> functions = new ArrayList<>();
        for (String metric : gated) {
            functions.add(c.function(metric, "benchmark"));
            functions.add(b.function(metric, "benchmark"));
        }
        double[][] samples = PoissonBootstrap.run(candidate.size(), functions, resamples, 42);
        long t3 = System.nanoTime();
        long c3 = os.getProcessCpuTime();
        double[] d = new double[resamples];
        for (int i = 0; i < resamples; i++) {
            d[i] = samples[0][i] - samples[1][i];
        }
        Interval auc = Interval.of(d, 0.95);
        System.out.printf(Locale.ROOT, "examples            %d (candidate and baseline)%n", candidate.size());
        System.out.printf(Locale.ROOT, "metrics per model   %d (all classification metrics, both models)%n", cm.values().size());
        System.out.printf(Locale.ROOT, "roc_auc             candidate %.6f baseline %.6f, paired 95%% CI of difference [%.6f, %.6f]%n",
                cm.values().get("roc_auc"), bm.values().get("roc_auc"), auc.lower(), auc.upper());
        System.out.printf(Locale.ROOT, "read CSV (2 files)  wall %6.2f s   cpu %6.2f s%n", (tRead - t0) / 1e9, (cRead - c0) / 1e9);
        System.out.printf(Locale.ROOT, "pair + score order  wall %6.2f s   cpu %6.2f s%n", (t1 - tRead) / 1e9, (c1 - cRead) / 1e9);
        System.out.printf(Locale.ROOT, "all metrics (2x)    wall %6.2f s   cpu %6.2f s%n", (t2 - t1) / 1e9, (c2 - c1) / 1e9);
        System.out.printf(Locale.ROOT, "bootstrap           wall %6.2f s   cpu %6.2f s  (%d paired resamples of %s, %d threads)%n",
                (t3 - t2) / 1e9, (c3 - c2) / 1e9, resamples, String.join("+", gated), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "MLOPS_WALL_SECONDS=%.3f%n", (t3 - t1) / 1e9);
        System.out.printf(Locale.ROOT, "MLOPS_CPU_SECONDS=%.3f%n", (c3 - c1) / 1e9);
    }
}
