package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.Content;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.StageResult;
import io.jenkins.plugins.mlops.core.notebook.CellRun;
import io.jenkins.plugins.mlops.core.notebook.NotebookResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A notebook smoke test's reports ({@link StageReports} calls this): {@code notebook.html} (the
 * section: verdict, limits, each cell's time, the failing cell's line and traceback),
 * {@code notebook-junit.xml} (one test case per code cell, so Jenkins lists them),
 * {@code notebook.json} (the result) and {@code notebook.py} (the script, as {@code jupyter nbconvert --to script}
 * writes it). The run's stage details leave the script out: the cells' sources are there already.
 */
public final class NotebookReports implements StageWriter<NotebookResult> {
    static final NotebookReports WRITER = new NotebookReports();

    private NotebookReports() {
    }

    @Override
    public Class<NotebookResult> resultType() {
        return NotebookResult.class;
    }

    @Override
    public List<String> writeFiles(NotebookResult result, Path dir) {
        List<String> files = new ArrayList<>(StageWriter.writeJsonJunitHtml(dir, "notebook", result, junit(result), section(result)));
        if (result.script() != null) {
            AtomicFiles.writeString(dir.resolve("notebook.py"), result.script());
            files.add("notebook.py");
        }
        return files;
    }

    @Override
    public JsonNode details(NotebookResult result, StageResult earlier) {
        ObjectNode details = Json.mapper().valueToTree(result);
        details.remove("script");
        return details;
    }

    @Override
    public Content section(NotebookResult result) {
        return Templates.content("notebook/section.jte", result);
    }

    @Override
    public Instant recordedAt(NotebookResult result, Instant now) {
        return result.ranAt();
    }

    /** One test case per code cell (and the injected parameters), with its time; the failing cell carries its traceback. */
    static JUnitReport junit(NotebookResult result) {
        String cls = "mlops.notebook." + result.notebook().replaceAll("\\.ipynb$", "").replaceAll("[^A-Za-z0-9_-]", "_");
        List<JUnitReport.Case> cases = new ArrayList<>();
        for (CellRun c : result.cells()) {
            if (CellRun.PASSED.equals(c.status())) {
                cases.add(new JUnitReport.Case(cls, c.label(), c.seconds(), null, null, false));
            } else if (CellRun.NOT_RUN.equals(c.status())) {
                cases.add(new JUnitReport.Case(cls, c.label(), 0, "not run: an earlier cell failed", null, true));
            } else {
                cases.add(new JUnitReport.Case(cls, c.label(), c.seconds(), c.where(),
                        c.traceback() == null ? c.message() : c.traceback(), false));
            }
        }
        return new JUnitReport("mlops notebook " + result.notebook(), cases);
    }
}
