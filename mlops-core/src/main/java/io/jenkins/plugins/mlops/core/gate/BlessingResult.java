package io.jenkins.plugins.mlops.core.gate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The blessing's outcome: BLESSED or NOT_BLESSED with every gate's measured value, threshold,
 * baseline value, change and interval. Stored in the run under {@link #STAGE}; publishing can
 * require {@code stages.blessing.passed}. Its reports are written by {@code core.report.StageReports}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "improved", allowGetters = true) // derived from the gates, written for readers
public record BlessingResult(String verdict, boolean blessed, String name, String gatesFile, String candidate,
                             String baseline, Long examples, boolean paired, int resamples, double confidence,
                             long seed, List<GateResult> gates, List<String> notes, Instant decidedAt)
        implements StageOutcome, Serializable {
    private static final long serialVersionUID = 1L;
    public static final String STAGE = Stage.BLESSING.id();
    public static final String BLESSED = "BLESSED";
    public static final String NOT_BLESSED = "NOT_BLESSED";

    public BlessingResult {
        gates = List.copyOf(gates);
        notes = List.copyOf(notes);
    }

    @Override
    public Stage pipelineStage() {
        return Stage.BLESSING;
    }

    /** The contract's name for {@link #blessed}. */
    @Override
    public boolean passed() {
        return blessed;
    }

    /**
     * Whether some gated metric improved over the baseline ({@link GateResult#improved}); null when
     * there was no baseline to improve on. The registry reads it from the stored stage details to
     * propose a MINOR version (docs/registry.md).
     */
    @JsonProperty("improved")
    public Boolean improved() {
        if (gates.stream().allMatch(g -> g.baseline() == null)) {
            return null;
        }
        return gates.stream().anyMatch(GateResult::improved);
    }

    /** One line: verdict and the failed checks. */
    @Override
    public String summary() {
        List<String> failed = new ArrayList<>();
        for (GateResult g : gates) {
            for (GateCheck c : g.checks()) {
                if (c.failed()) {
                    failed.add(c.message());
                }
            }
        }
        long checks = gates.stream().mapToLong(g -> g.checks().size()).sum();
        return verdict + ": " + (checks - failed.size()) + " of " + checks + " checks passed"
                + (failed.isEmpty() ? "" : "; failed: " + String.join("; ", failed));
    }
}
