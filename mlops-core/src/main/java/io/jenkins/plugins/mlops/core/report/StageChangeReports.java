package io.jenkins.plugins.mlops.core.report;

import gg.jte.Content;
import io.jenkins.plugins.mlops.core.registry.StageChangeResult;
import java.nio.file.Path;
import java.util.List;

/**
 * A registry stage change writes no files (the registry's history holds it); the run page shows
 * its stored details as the generic table.
 */
public final class StageChangeReports implements StageWriter<StageChangeResult> {
    static final StageChangeReports WRITER = new StageChangeReports();

    private StageChangeReports() {
    }

    @Override
    public Class<StageChangeResult> resultType() {
        return StageChangeResult.class;
    }

    @Override
    public List<String> writeFiles(StageChangeResult result, Path dir) {
        return List.of();
    }

    @Override
    public Content section(StageChangeResult result) {
        return null;
    }
}
