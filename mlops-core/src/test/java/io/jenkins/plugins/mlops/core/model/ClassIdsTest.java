package io.jenkins.plugins.mlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

public class ClassIdsTest {
    private static int id(CsvPredictions.ClassIds ids, String label) {
        byte[] b = ("|" + label + "|").getBytes(StandardCharsets.UTF_8); // a slice of a larger buffer, as the reader gives it
        return ids.id(b, 1, b.length - 2);
    }

    @Test
    public void classesAreNumberedInOrderOfFirstAppearanceWhateverTheirLengthOrCount() {
        // more short labels than the packed table holds, long ones, non-ASCII ones, in a random order with repeats
        List<String> labels = new ArrayList<>(List.of("0", "1", "cat", "seven77", "eight888", "a much longer class name", "é", "日本"));
        for (char c = 'a'; c <= 'p'; c++) {
            labels.add(String.valueOf(c));
        }
        Random random = new Random(7);
        CsvPredictions.ClassIds ids = new CsvPredictions.ClassIds();
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < 5000; i++) {
            String label = labels.get(random.nextInt(labels.size()));
            Integer first = expected.putIfAbsent(label, expected.size());
            assertThat(id(ids, label)).as(label).isEqualTo(first == null ? expected.size() - 1 : first);
        }
        assertThat(ids.names()).containsExactlyElementsOf(expected.keySet());
    }
}
