package io.jenkins.plugins.mlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class PredictionsReaderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path file(String name, byte[] content) throws Exception {
        Path p = tmp.getRoot().toPath().resolve(name);
        Files.write(p, content);
        return p;
    }

    private Predictions read(String name, String content) throws Exception {
        return new PredictionsReader(PredictionColumns.DEFAULT, Task.CLASSIFICATION, null).read(file(name, content.getBytes()));
    }

    @Test
    public void jsonlAndCsvGiveTheSameMetrics() throws Exception {
        Predictions csv = read("p.csv", "label,score,region\n1,0.9,eu\n0,0.2,us\n1,0.4,eu\n0,0.6,us\n");
        Predictions jsonl = read("p.jsonl", "{\"label\":1,\"score\":0.9,\"region\":\"eu\"}\n{\"label\":0,\"score\":0.2,\"region\":\"us\"}\n\n"
                + "{\"label\":1,\"score\":0.4,\"region\":\"eu\"}\n{\"label\":0,\"score\":0.6,\"region\":\"us\"}\n");
        assertThat(MetricEvaluator.of(jsonl).evaluate().values()).isEqualTo(MetricEvaluator.of(csv).evaluate().values());
        assertThat(csv.columns()).containsKey("region");
        assertThat(MetricEvaluator.of(csv).evaluate().values().get("roc_auc")).isEqualTo(0.75);
        // no prediction column: score >= 0.5 predicts the positive class
        assertThat(MetricEvaluator.of(csv).evaluate().values().get("accuracy")).isEqualTo(0.5);
    }

    @Test
    public void multiClassNeedsAProbabilityColumnPerClass() throws Exception {
        assertThatThrownBy(() -> read("m.csv", "label,proba_a,proba_b\na,0.5,0.5\nc,0.2,0.8\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no probability column for class(es) [c]");
        assertThatThrownBy(() -> read("s.csv", "label,prediction,score\na,a,0.5\nb,c,0.8\n"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("3 classes");
    }

    @Test
    public void badFilesAreNamedWithLineAndFix() throws Exception {
        assertThatThrownBy(() -> read("e.csv", "")).hasMessageContaining("e.csv").hasMessageContaining("empty");
        assertThatThrownBy(() -> read("h.csv", "label,score\n")).hasMessageContaining("no rows");
        assertThatThrownBy(() -> read("j.jsonl", "{\"label\":1,\"score\":0.5}\n{\"label\":0}\n"))
                .hasMessageContaining("j.jsonl:2").hasMessageContaining("'score' is missing");
        assertThatThrownBy(() -> read("t.jsonl", "{\"label\":1,\"score\":0.5}\n{\"label\":0,\n"))
                .hasMessageContaining("t.jsonl:2").hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> read("x.txt", "label\n1\n")).hasMessageContaining("unknown predictions format");
        assertThatThrownBy(() -> new PredictionsReader(null, Task.CLASSIFICATION, null)
                .read(file("latin1.csv", new byte[] {'l', 'a', 'b', 'e', 'l', ',', 's', 'c', 'o', 'r', 'e', '\n', (byte) 0xE9, ',', '1', '\n'})))
                .hasMessageContaining("not valid UTF-8");
        assertThatThrownBy(() -> read("w.csv", "label,score,weight\n1,0.5,-1\n0,0.2,1\n")).hasMessageContaining("w.csv:2")
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> read("inf.csv", "label,score\n1,Infinity\n0,0.2\n")).hasMessageContaining("inf.csv:2")
                .hasMessageContaining("not a finite number");
    }

    @Test
    public void scoresOutsideZeroOneKeepRankingMetricsAndMarkLogLossUndefined() throws Exception {
        MetricSet m = MetricEvaluator.of(read("d.csv", "label,score\n1,2.5\n0,-1.0\n1,0.3\n0,0.1\n")).evaluate();
        assertThat(m.values().get("roc_auc")).isEqualTo(1.0);
        assertThat(m.undefined().get("log_loss")).contains("not probabilities");
    }
}
