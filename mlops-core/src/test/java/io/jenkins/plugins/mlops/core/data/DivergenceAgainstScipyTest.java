package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Drift and skew values against an independent computation: scipy's
 * {@code jensenshannon(p, q, base=2) ** 2} (scipy returns the distance, the square root of the
 * divergence we report) and a plain numpy L-infinity, on exactly the bins we computed from, to 1e-6.
 */
public class DivergenceAgainstScipyTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static boolean scipy() throws Exception {
        if (!Files.isExecutable(PYTHON)) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import scipy.spatial.distance, numpy").start();
        return p.waitFor() == 0;
    }

    /** Runs scipy on "p;q" lines and returns [jsd, linf] per line. */
    private List<double[]> scipyOn(List<Comparison> comparisons) throws Exception {
        Path input = tmp.newFile("bins.txt").toPath();
        StringBuilder text = new StringBuilder();
        for (Comparison c : comparisons) {
            List<String> p = new ArrayList<>();
            List<String> q = new ArrayList<>();
            for (Comparison.Bin b : c.bins()) {
                p.add(Double.toString(b.current()));
                q.add(Double.toString(b.other()));
            }
            text.append(String.join(",", p)).append(';').append(String.join(",", q)).append('\n');
        }
        Files.writeString(input, text);
        String script = String.join("\n",
                "import sys, numpy as np",
                "from scipy.spatial.distance import jensenshannon",
                "for line in open(sys.argv[1]):",
                "    p, q = (np.array([float(x) for x in s.split(',')]) for s in line.strip().split(';'))",
                "    print(repr(float(jensenshannon(p, q, base=2) ** 2)), repr(float(np.max(np.abs(p / p.sum() - q / q.sum())))))");
        Process proc = new ProcessBuilder(PYTHON.toString(), "-c", script, input.toString()).redirectErrorStream(true).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor()).as(out).isZero();
        List<double[]> values = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] parts = line.trim().split(" ");
            values.add(new double[] {Double.parseDouble(parts[0]), Double.parseDouble(parts[1])});
        }
        return values;
    }

    private Path dataset(String name, long seed, double shift, double scale, String[] categories, double[] weights)
            throws Exception {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("x,y,c\n");
        for (int i = 0; i < 5000; i++) {
            double u = random.nextDouble();
            String c = categories[categories.length - 1];
            double acc = 0;
            for (int k = 0; k < weights.length; k++) {
                acc += weights[k];
                if (u < acc) {
                    c = categories[k];
                    break;
                }
            }
            text.append(String.format(Locale.ROOT, "%.5f,%.5f,%s%n", random.nextGaussian() * scale + shift,
                    random.nextDouble() * 10 + shift, c));
        }
        Path file = tmp.getRoot().toPath().resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    public void jensenShannonAndLInfinityAgreeWithScipyOnTheSameBinsTo1e6() throws Exception {
        assumeTrue("needs /usr/bin/python3 with scipy (python3-scipy)", scipy());
        String[] cats = {"a", "b", "c", "d"};
        // a shift of 1 on a uniform of width 10 keeps y's divergence well above the 0.01 sanity bound
        // whatever the randomized quantile sketch's bucket counts come out as (0.5 gave 0.0096 once)
        Path current = dataset("current.csv", 1, 1.0, 1.3, cats, new double[] {0.4, 0.3, 0.2, 0.1});
        Path reference = dataset("reference.csv", 2, 0, 1, new String[] {"a", "b", "c", "e"}, new double[] {0.25, 0.25, 0.25, 0.25});
        Path schema = tmp.getRoot().toPath().resolve("schema.yaml");
        Files.writeString(schema, String.join("\n", "version: 1", "features:",
                "  - {name: x, type: float, drift: {threshold: 0.01}, skew: {threshold: 0.01}}",
                "  - {name: y, type: float, drift: {threshold: 0.01}}",
                "  - {name: c, type: string, drift: {threshold: 0.01}}", ""));
        DataValidationResult result = DataValidator.validate(DataValidationRequest.of(current.toString(), schema.toString())
                .withReference(reference.toString()).withServing(reference.toString()));
        List<Comparison> all = new ArrayList<>(result.drift());
        all.addAll(result.skew());
        assertThat(all).hasSize(6);
        List<double[]> expected = scipyOn(all);
        for (int i = 0; i < all.size(); i++) {
            Comparison c = all.get(i);
            double want = c.metric().equals(Comparison.JSD) ? expected.get(i)[0] : expected.get(i)[1];
            assertThat(c.value()).as(c.kind() + " " + c.feature() + " " + c.metric()).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(c.value()).as("a real difference was measured: " + c.kind() + " " + c.feature() + " " + c.metric())
                    .isGreaterThan(0.01);
        }
        // numeric features: the 10 standard buckets span the union of both ranges
        Comparison x = all.get(0);
        assertThat(x.bins()).hasSize(10);
        double low = Math.min(result.statistics().feature("x").numeric().min(), result.reference().feature("x").numeric().min());
        double high = Math.max(result.statistics().feature("x").numeric().max(), result.reference().feature("x").numeric().max());
        assertThat(x.bins().get(0).low()).isEqualTo(low);
        assertThat(x.bins().get(9).high()).isEqualTo(high);
        // string features: the union of both value sets ("d" only current, "e" only reference)
        Comparison c = all.get(2);
        assertThat(c.bins()).extracting(Comparison.Bin::label).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }

    @Test
    public void identicalDistributionsHaveZeroDistanceAndDisjointOnesOne() {
        assertThat(Divergence.jensenShannon(new double[] {1, 2, 3}, new double[] {2, 4, 6})).isZero();
        assertThat(Divergence.jensenShannon(new double[] {1, 0}, new double[] {0, 1})).isEqualTo(1.0);
        assertThat(Divergence.lInfinity(java.util.Map.of("a", 1), java.util.Map.of("b", 3))).isEqualTo(1.0);
    }
}
