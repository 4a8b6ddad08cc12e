package io.jenkins.plugins.mlops.cli.runs;

import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.ArtifactRef;
import io.jenkins.plugins.mlops.core.track.DatasetRef;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mlops runs show ID}: everything recorded about one run. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Show one run (id or unique id prefix).")
public final class RunsShowCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Parameters(paramLabel = "ID", description = "Run id or a unique prefix of it.")
    String id;

    @Option(names = "--json", description = "Print the run record as JSON.")
    boolean json;

    @Override
    public Integer call() {
        RunRecord run = store.open().read(id);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(run));
            return 0;
        }
        out.println("run        " + run.id() + (run.name() == null ? "" : "  (" + run.name() + ")"));
        out.println("experiment " + run.experiment() + "   status " + run.status());
        out.println("started    " + run.startTime() + "   ended " + run.endTime());
        if (run.parent() != null) {
            out.println("parent     " + run.parent());
        }
        if (run.user() != null) {
            out.println("user       " + run.user());
        }
        if (run.origin() != null) {
            out.println("origin     " + run.origin().system() + " run " + run.origin().runId() + " of experiment "
                    + run.origin().experimentId() + (run.origin().deleted() ? " (deleted there)" : ""));
        }
        if (run.code().source() != null) {
            out.println("source     " + run.code().source());
        }
        if (run.notes() != null) {
            out.println("notes      " + run.notes());
        }
        if (run.code().commit() != null) {
            out.println("code       " + run.code().commit() + (run.code().branch() == null ? "" : " on " + run.code().branch())
                    + (run.code().dirty() ? " (dirty)" : "") + (run.code().remoteUrl() == null ? "" : "  " + run.code().remoteUrl()));
        }
        section(out, "params", run.params());
        section(out, "tags", run.tags());
        if (!run.metrics().isEmpty()) {
            out.println("metrics");
            for (MetricSeries m : run.metrics().values()) {
                out.println("  " + m.key() + " = " + m.last() + (m.isCurve()
                        ? "   (" + m.count() + " points, min " + m.min() + ", max " + m.max() + ")" : ""));
            }
        }
        if (!run.datasets().isEmpty()) {
            out.println("datasets");
            for (DatasetRef d : run.datasets()) {
                out.println("  " + d.name() + "  " + d.path() + "  sha256:" + d.sha256() + "  " + d.bytes() + " bytes"
                        + (d.rows() == null ? "" : ", " + d.rows() + " rows"));
            }
        }
        if (!run.artifacts().isEmpty()) {
            out.println("artifacts");
            for (ArtifactRef a : run.artifacts()) {
                out.println("  " + a.path() + (a.sha256() == null ? "" : "  sha256:" + a.sha256() + "  " + a.bytes() + " bytes"));
            }
        }
        if (!run.stages().isEmpty()) {
            out.println("stages");
            for (StageResult s : run.stages().values()) {
                out.println("  " + s.stage() + ": " + s.verdict() + " - " + s.summary());
            }
        }
        return 0;
    }

    private static void section(PrintWriter out, String title, Map<String, String> values) {
        if (values.isEmpty()) {
            return;
        }
        out.println(title);
        values.forEach((k, v) -> out.println("  " + k + " = " + v));
    }
}
