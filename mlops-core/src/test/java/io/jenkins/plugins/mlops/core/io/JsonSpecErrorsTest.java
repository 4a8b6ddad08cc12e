package io.jenkins.plugins.mlops.core.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A user-written spec's mistakes are told in the spec's own words: the field, what it holds, what was expected. */
public class JsonSpecErrorsTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    enum Direction { UP, DOWN }

    record Gate(String metric, double threshold, Integer resamples, Boolean strict, Direction direction) {
    }

    record Spec(List<Gate> gates) {
    }

    private Path write(String name, String text) throws Exception {
        Path file = tmp.getRoot().toPath().resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    public void anUnknownFieldIsNamedWithTheFieldsKnownThereAndNoJacksonWords() throws Exception {
        Path spec = write("gates.yaml", "gates:\n  - metric: auc\n    threshold: 0.8\n    min: 0.8\n");
        assertThatThrownBy(() -> Json.readSpec(spec, Spec.class, "docs/blessing.md")).isInstanceOf(BadInputException.class)
                .hasMessageContaining(spec + ":")
                .hasMessageContaining("field 'gates[0].min': 'min' is not a known field (known here: direction, metric, "
                        + "resamples, strict, threshold)")
                .hasMessageContaining("Fix: correct it as described in docs/blessing.md")
                .hasMessageNotContaining("ignorable").hasMessageNotContaining("class ");
    }

    @Test
    public void aMissingNumberIsNamedAsMissingWithWhatItTakes() throws Exception {
        Path spec = write("gates.json", "{\"gates\": [{\"metric\": \"auc\"}]}");
        assertThatThrownBy(() -> Json.readSpec(spec, Spec.class, "docs/blessing.md")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("field 'gates[0].threshold': missing (it takes a number)")
                .hasMessageNotContaining("DeserializationFeature");
    }

    @Test
    public void nanIsNotAJsonNumberAndTheMessageSaysSoWithoutParserFlags() throws Exception {
        Path spec = write("gates.json", "{\"gates\": [{\"metric\": \"auc\", \"threshold\": NaN}]}");
        assertThatThrownBy(() -> Json.readSpec(spec, Spec.class, "docs/blessing.md")).isInstanceOf(BadInputException.class)
                .hasMessageContaining(spec + ":1: field 'gates[0]': 'NaN' is not a JSON number (NaN and Infinity are not allowed)")
                .hasMessageNotContaining("ALLOW_NON_NUMERIC_NUMBERS");
    }

    @Test
    public void aValueOfTheWrongTypeSaysWhatTheFieldTakes() throws Exception {
        String[][] cases = {
            {"threshold: high", "field 'gates[0].threshold': 'high' is not a number"},
            {"resamples: many", "field 'gates[0].resamples': 'many' is not a whole number"},
            {"strict: perhaps", "field 'gates[0].strict': 'perhaps' is not true or false"},
            {"direction: sideways", "field 'gates[0].direction': 'sideways' is not one of [UP, DOWN]"},
        };
        for (String[] c : cases) {
            String threshold = c[0].startsWith("threshold") ? "" : "    threshold: 0.5\n";
            Path spec = write("g.yaml", "gates:\n  - metric: auc\n" + threshold + "    " + c[0] + "\n");
            assertThatThrownBy(() -> Json.readSpec(spec, Spec.class, "docs/blessing.md")).as(c[0])
                    .isInstanceOf(BadInputException.class).hasMessageContaining(c[1]);
        }
    }
}
