package io.jenkins.plugins.mlops.core.report;

import gg.jte.Content;
import io.jenkins.plugins.mlops.core.gate.BlessingResult;
import io.jenkins.plugins.mlops.core.gate.GateCheck;
import io.jenkins.plugins.mlops.core.gate.GateResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The blessing's reports ({@link StageReports} calls this): {@code blessing.html} (the section),
 * {@code blessing-junit.xml} (one test case per check, the measured value in every message) and
 * {@code blessing.json} (the result).
 */
public final class BlessingReports implements StageWriter<BlessingResult> {
    static final BlessingReports WRITER = new BlessingReports();

    private BlessingReports() {
    }

    @Override
    public Class<BlessingResult> resultType() {
        return BlessingResult.class;
    }

    @Override
    public List<String> writeFiles(BlessingResult result, Path dir) {
        return StageWriter.writeJsonJunitHtml(dir, "blessing", result, junit(result), section(result));
    }

    @Override
    public Content section(BlessingResult result) {
        return Templates.content("gate/blessing.jte", result);
    }

    /** When the blessing was decided. */
    @Override
    public Instant recordedAt(BlessingResult result, Instant now) {
        return result.decidedAt();
    }

    static JUnitReport junit(BlessingResult result) {
        List<JUnitReport.Case> cases = new ArrayList<>();
        for (GateResult g : result.gates()) {
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
        return new JUnitReport("mlops blessing" + (result.name() == null ? "" : " " + result.name()), cases);
    }
}
