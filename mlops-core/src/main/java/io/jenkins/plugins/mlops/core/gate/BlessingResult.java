package io.jenkins.plugins.mlops.core.gate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.JUnitReport;
import io.jenkins.plugins.mlops.core.report.Templates;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The blessing's outcome: BLESSED or NOT_BLESSED with every gate's measured value, threshold,
 * baseline value, change and interval. Stored in the run under {@link #STAGE}; publishing can
 * require {@code stages.blessing.passed}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(value = "improved", allowGetters = true) // derived from the gates, written for readers
public record BlessingResult(String verdict, boolean blessed, String name, String gatesFile, String candidate,
                             String baseline, Long examples, boolean paired, int resamples, double confidence,
                             long seed, List<GateResult> gates, List<String> notes, Instant decidedAt)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String STAGE = "blessing";
    public static final String BLESSED = "BLESSED";
    public static final String NOT_BLESSED = "NOT_BLESSED";

    public BlessingResult {
        gates = List.copyOf(gates);
        notes = List.copyOf(notes);
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

    /** One JUnit test case per check, the measured value in every message. */
    public JUnitReport junit() {
        List<JUnitReport.Case> cases = new ArrayList<>();
        for (GateResult g : gates) {
            for (GateCheck c : g.checks()) {
                String cls = "mlops.blessing." + g.metric();
                if ("SKIPPED".equals(c.status())) {
                    cases.add(new JUnitReport.Case(cls, c.kind(), 0, c.message(), null, true));
                } else if (c.failed()) {
                    cases.add(JUnitReport.Case.failed(cls, c.kind(), c.message(), c.message()));
                } else {
                    cases.add(JUnitReport.Case.passed(cls, c.kind(), c.message()));
                }
            }
        }
        return new JUnitReport("mlops blessing" + (name == null ? "" : " " + name), cases);
    }

    /** The HTML section (a fragment: a build page or the CLI's page embeds it). */
    public String html() {
        return Templates.render("gate/blessing.jte", this);
    }

    /**
     * Writes {@code blessing/blessing.json}, {@code blessing/blessing-junit.xml} and
     * {@code blessing/blessing.html} under {@code runDir}, each atomically, and returns the stage
     * result to store in the run (reports relative to {@code runDir}).
     */
    public StageResult writeReports(Path runDir) {
        Path dir = runDir.resolve(STAGE);
        AtomicFiles.writeJson(dir.resolve("blessing.json"), this, true);
        AtomicFiles.write(dir.resolve("blessing-junit.xml"), out -> junit().writeTo(out));
        AtomicFiles.writeString(dir.resolve("blessing.html"), html());
        return toStage(List.of(STAGE + "/blessing.html", STAGE + "/blessing-junit.xml", STAGE + "/blessing.json"));
    }

    public StageResult toStage(List<String> reports) {
        return new StageResult(STAGE, verdict, blessed, summary(), decidedAt, Json.mapper().valueToTree(this), reports);
    }
}
