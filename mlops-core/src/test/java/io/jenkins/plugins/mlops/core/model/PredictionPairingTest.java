package io.jenkins.plugins.mlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.Test;

/** Pairing a baseline's rows with the candidate's, and the bootstrap's row order. */
public class PredictionPairingTest {
    @org.junit.Rule
    public org.junit.rules.TemporaryFolder tmp = new org.junit.rules.TemporaryFolder();

    private Predictions read(String name, String text) throws Exception {
        java.nio.file.Path file = tmp.getRoot().toPath().resolve(name);
        java.nio.file.Files.writeString(file, text);
        return new PredictionsReader(PredictionColumns.DEFAULT, Task.CLASSIFICATION, null).read(file);
    }

    @Test
    public void baselineRowsArePairedByIdInAnyOrderAndDuplicateOrMissingIdsAreRefused() throws Exception {
        StringBuilder candidate = new StringBuilder("id,label,score\n");
        StringBuilder shuffled = new StringBuilder("id,label,score\n");
        for (int i = 0; i < 5000; i++) {
            candidate.append("ex").append(i).append(',').append(i % 2).append(',').append(i / 5000.0).append('\n');
        }
        for (int i = 4999; i >= 0; i--) {
            shuffled.append("ex").append(i).append(',').append(i % 2).append(',').append(1 - i / 5000.0).append('\n');
        }
        Predictions c = read("c.csv", candidate.toString());
        Predictions aligned = PredictionPairing.alignTo(c, read("b.csv", shuffled.toString()));
        assertThat(aligned.ids()).isEqualTo(c.ids());
        assertThat(aligned.score()[10]).isEqualTo(1 - 10 / 5000.0);
        String duplicate = shuffled.toString().replace("ex17,", "ex18,");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PredictionPairing.alignTo(c, read("d.csv", duplicate)))
                .hasMessageContaining("d.csv").hasMessageContaining("example id 'ex18' appears twice");
        String missing = shuffled.toString().replace("ex17,", "other17,");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PredictionPairing.alignTo(c, read("m.csv", missing)))
                .hasMessageContaining("m.csv").hasMessageContaining("no row for example id 'ex17' of c.csv");
    }

    private static int[] reference(double[] s) {
        // List.sort is stable: ties stay in row order
        return IntStream.range(0, s.length).boxed()
                .sorted(Comparator.comparing((Integer i) -> s[i], (a, b) -> Double.compare(b, a)))
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    public void wholeNumberIdsAreKeptAsNumbersAndEveryIdReadsBackAsTheFilesText() throws Exception {
        Predictions numbers = read("n.csv", "id,label,score\n10,1,0.9\n-3,0,0.2\n0,1,0.6\n");
        assertThat(numbers.ids().numeric()).isTrue();
        assertThat(numbers.ids()).containsExactly("10", "-3", "0");
        // leading zeros, '+', '-0' and spaces are not how Long.toString writes a number: kept as text
        Predictions text = read("t.csv", "id,label,score\n0,1,0.9\n007,0,0.2\n-0,1,0.6\n+4,0,0.1\n 5,1,0.3\n");
        assertThat(text.ids().numeric()).isFalse();
        assertThat(text.ids()).containsExactly("0", "007", "-0", "+4", " 5");
        // a file of whole-number ids pairs with one whose ids are text
        Predictions mixed = read("m.csv", "id,label,score\n0,1,0.1\nx,0,0.5\n-3,0,0.7\n10,1,0.2\n");
        Predictions aligned = PredictionPairing.alignTo(numbers, read("b.csv", "id,label,score\n-3,0,0.7\n0,1,0.1\n10,1,0.2\n"));
        assertThat(aligned.score()).containsExactly(0.2, 0.7, 0.1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PredictionPairing.alignTo(numbers, mixed))
                .hasMessageContaining("it has 4 examples but n.csv has 3");
    }

    @Test
    public void rowsAreInDescendingScoreOrderWithTiesInRowOrderAsAStableSort() {
        Random random = new Random(5);
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-300, -1e-300, 0.5};
        for (int n : new int[] {0, 1, 2, 17, 1000, 100_000}) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = random.nextInt(10);
                s[i] = kind == 0 ? special[random.nextInt(special.length)]
                        : kind < 5 ? Math.round(random.nextDouble() * 1e4) / 1e4 // 4 decimals: many ties
                        : random.nextGaussian() * 10;
            }
            assertThat(PredictionPairing.descendingStable(s)).as("n=" + n).isEqualTo(reference(s));
        }
    }
}
