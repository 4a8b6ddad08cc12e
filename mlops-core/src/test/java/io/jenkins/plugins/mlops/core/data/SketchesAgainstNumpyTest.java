package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The statistics of a CSV file as users get them (the file read on two threads, each share's
 * sketches merged) against exact values that pandas and numpy compute from the same file: every
 * quantile's true rank within the stated rank error, every histogram bucket within the stated bucket
 * error, every distinct count within its stated relative error, and count, min, max (also as p0 and
 * p100), mean and standard deviation equal. Seven columns: uniform (as the benchmark writes it), normal, skewed
 * (lognormal, exponential), heavy-tailed (Pareto with alpha 1.1, Cauchy) and whole numbers with
 * about 50,000 distinct values; 150,000 rows, so every share samples its quantile sketch (past 32,768
 * values) and the distinct counts leave the exact regime.
 */
public class SketchesAgainstNumpyTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final int ROWS = 150_000;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static boolean pandas() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        return new ProcessBuilder(PYTHON.toString(), "-c", "import pandas, numpy").start().waitFor() == 0;
    }

    @Test
    public void quantilesHistogramsAndDistinctCountsOfSevenDistributionsAreWithinTheirBoundsOfNumpysExactValues()
            throws Exception {
        assumeTrue("needs /usr/bin/python3 with pandas (bin/install-test-deps installs python3-pandas)", pandas());
        SplittableRandom r = new SplittableRandom(21);
        Map<String, DoubleSupplier> columns = new LinkedHashMap<>();
        columns.put("uniform", () -> r.nextDouble() * 10 - 5);
        columns.put("normal", () -> gaussian(r));
        columns.put("lognormal", () -> Math.exp(1.5 * gaussian(r)));
        columns.put("exponential", () -> -Math.log(1 - r.nextDouble()));
        columns.put("pareto", () -> Math.pow(1 - r.nextDouble(), -1 / 1.1));
        columns.put("cauchy", () -> Math.tan(Math.PI * (r.nextDouble() - 0.5)));
        columns.put("ids", () -> r.nextInt(50_000));
        Path csv = tmp.getRoot().toPath().resolve("seven.csv");
        StringBuilder text = new StringBuilder(String.join(",", columns.keySet())).append('\n');
        for (int i = 0; i < ROWS; i++) {
            int c = 0;
            for (Map.Entry<String, DoubleSupplier> column : columns.entrySet()) {
                double v = column.getValue().getAsDouble();
                text.append(c++ == 0 ? "" : ",").append(column.getKey().equals("uniform") ? String.format(Locale.ROOT, "%.6f", v)
                        : column.getKey().equals("ids") ? Long.toString((long) v) : Float.toString((float) v));
            }
            text.append('\n');
        }
        Files.writeString(csv, text);

        // as the CLI reads it: the file cut in two shares, each with its own sketches, merged
        DatasetScan scan = DatasetScan.of(csv, null, null, 2, 1);
        assertThat(scan.rows()).isEqualTo(ROWS);
        Path reported = tmp.getRoot().toPath().resolve("reported.json");
        Files.writeString(reported, Json.mapper().writeValueAsString(scan.statistics().features()));
        JsonNode exact = numpy(csv, reported);

        for (FeatureStatistics f : scan.statistics().features()) {
            String name = f.name();
            JsonNode e = exact.get(name);
            FeatureAccumulator acc = scan.column(name);
            FeatureStatistics.NumericStatistics numeric = f.numeric();
            long n = e.get("n").asLong();
            assertThat(numeric.count()).as("%s count", name).isEqualTo(n);
            assertThat(numeric.min()).as("%s min", name).isEqualTo(e.get("min").asDouble());
            assertThat(numeric.max()).as("%s max", name).isEqualTo(e.get("max").asDouble());
            double scale = Math.max(1, Math.abs(e.get("mean").asDouble()) + e.get("std").asDouble());
            assertThat(numeric.mean()).as("%s mean", name).isCloseTo(e.get("mean").asDouble(), within(1e-9 * scale));
            assertThat(numeric.stddev()).as("%s stddev", name).isCloseTo(e.get("std").asDouble(),
                    within(1e-9 * Math.max(1, e.get("std").asDouble())));

            double rankError = acc.sketch.rankError();
            assertThat(acc.sketch.isExact()).as("%s: each share sampled", name).isFalse();
            assertThat(rankError).as("%s stated rank error", name).isLessThan(0.018);
            List<FeatureStatistics.Quantile> quantiles = numeric.quantiles();
            assertThat(quantiles.get(0).value()).as("%s p0 is the min", name).isEqualTo(e.get("min").asDouble());
            assertThat(quantiles.get(quantiles.size() - 1).value()).as("%s p100 is the max", name).isEqualTo(e.get("max").asDouble());
            for (int i = 0; i < quantiles.size(); i++) {
                FeatureStatistics.Quantile q = quantiles.get(i);
                double below = e.get("below").get(i).asDouble() / n;
                double atOrBelow = e.get("atOrBelow").get(i).asDouble() / n;
                assertThat(below).as("%s p%s = %s: fraction below (numpy)", name, q.rank(), q.value())
                        .isLessThanOrEqualTo(q.rank() + rankError);
                assertThat(atOrBelow).as("%s p%s = %s: fraction at or below (numpy)", name, q.rank(), q.value())
                        .isGreaterThanOrEqualTo(q.rank() - rankError);
            }

            double bucketError = acc.sketch.bucketError();
            List<FeatureStatistics.Bucket> histogram = numeric.histogram();
            for (int i = 0; i < histogram.size(); i++) {
                FeatureStatistics.Bucket b = histogram.get(i);
                assertThat(b.count()).as("%s bucket %d [%s, %s) against numpy", name, i, b.low(), b.high())
                        .isCloseTo(e.get("buckets").get(i).asDouble(), within(bucketError * n + 1e-6));
            }

            long nunique = e.get("nunique").asLong();
            assertThat(acc.distinct.isExact()).as("%s distinct: past the exact regime", name).isFalse();
            assertThat((double) f.distinct()).as("%s distinct against pandas' nunique %d", name, nunique)
                    .isCloseTo(nunique, within(DistinctCounter.RELATIVE_ERROR_BOUND * nunique));
        }
    }

    /** pandas reads the file; numpy gives, per column, the exact counts at our reported quantiles and bucket edges. */
    private JsonNode numpy(Path csv, Path reported) throws Exception {
        String script = String.join("\n",
                "import json, sys, numpy as np, pandas as pd",
                "df = pd.read_csv(sys.argv[1], float_precision='round_trip')",
                "out = {}",
                "for f in json.load(open(sys.argv[2])):",
                "    x = np.sort(df[f['name']].to_numpy(dtype=np.float64))",
                "    q = [p['value'] for p in f['numeric']['quantiles']]",
                "    b = f['numeric']['histogram']",
                "    lows = [np.searchsorted(x, k['low'], side='left') for k in b]",
                "    highs = [np.searchsorted(x, k['high'], side='left') for k in b[:-1]] + [len(x)]",
                "    out[f['name']] = {'n': int(len(x)), 'min': float(x[0]), 'max': float(x[-1]),",
                "        'mean': float(df[f['name']].mean()), 'std': float(df[f['name']].std()),",
                "        'nunique': int(df[f['name']].nunique()),",
                "        'below': [int(np.searchsorted(x, v, side='left')) for v in q],",
                "        'atOrBelow': [int(np.searchsorted(x, v, side='right')) for v in q],",
                "        'buckets': [int(h - (0 if i == 0 else l)) for i, (l, h) in enumerate(zip(lows, highs))]}",
                "print(json.dumps(out))");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", script, csv.toString(), reported.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return Json.mapper().readTree(out);
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
