package io.jenkins.plugins.mlops.core.report;

import gg.jte.Content;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.monitor.MonitorResult;
import java.nio.file.Path;
import java.util.List;

/**
 * A monitoring check writes its whole result as {@code monitoring.json}; the run page shows the
 * stored details as the generic table, and the version's registry page draws the checks over time.
 */
final class MonitoringReports implements StageWriter<MonitorResult> {
    static final MonitoringReports WRITER = new MonitoringReports();
    static final String JSON = "monitoring.json";

    private MonitoringReports() {
    }

    @Override
    public Class<MonitorResult> resultType() {
        return MonitorResult.class;
    }

    @Override
    public List<String> writeFiles(MonitorResult result, Path dir) {
        AtomicFiles.writeJson(dir.resolve(JSON), result, true);
        return List.of(JSON);
    }

    @Override
    public Content section(MonitorResult result) {
        return null;
    }

    @Override
    public java.time.Instant recordedAt(MonitorResult result, java.time.Instant now) {
        return result.checkedAt() == null ? now : result.checkedAt();
    }
}
