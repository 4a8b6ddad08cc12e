package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.track.TrackRequest;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The step maps its arguments to core's request, and nothing more. */
public class TrackStepTest {
    @Test
    public void everyArgumentReachesTheRequest() {
        TrackStep step = new TrackStep();
        step.setExperiment(" bc ");
        step.setName("lr-1");
        step.setParams("C=1.0");
        step.setParamsFiles("conf/a.yaml, conf/b.json");
        step.setMetrics("m.json");
        step.setTags("team=ml");
        step.setNotes("first try");
        step.setDatasets("train=t.csv");
        step.setArtifacts("model/");
        TrackRequest r = step.toRequest(null, null);
        assertThat(r).isEqualTo(new TrackRequest("bc", "lr-1", Map.of("C", "1.0"), List.of("conf/a.yaml", "conf/b.json"),
                List.of("m.json"), Map.of("team", "ml"), "first try", Map.of("train", "t.csv"), List.of("model/"), null));
    }

    @Test
    public void blankArgumentsAreAbsentSoTheFormRoundTripsToNull() {
        TrackStep step = new TrackStep();
        step.setExperiment("  ");
        step.setMetrics("");
        assertThat(step.getExperiment()).isNull();
        assertThat(step.getMetrics()).isNull();
    }

    @Test
    public void aLaterCallWithoutExperimentStaysInTheBuildsExperiment() {
        assertThat(new TrackStep().toRequest("bc", null).experiment()).isEqualTo("bc");
        TrackStep other = new TrackStep();
        other.setExperiment("iris");
        assertThat(other.toRequest("bc", null).experiment()).isEqualTo("iris");
    }
}
