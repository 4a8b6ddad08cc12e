package io.jenkins.plugins.mlops.core.notebook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A notebook's smoke test: every code cell's run, the limits it ran under and what the sandbox
 * saw (peak memory, out of memory, time out, leftovers), the parameters given, the metrics the
 * notebook reported, and the code cells' sources (so two runs' notebooks can be compared).
 *
 * @param cellSources every code cell's source by its number, in order
 * @param output      the tail of what the notebook printed
 * @param script      the script {@code jupyter nbconvert --to script} writes for the notebook (a report file,
 *                    not kept in the run's stage details)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotebookResult(String verdict, boolean passed, String notebook, String backend, boolean isolated,
                             double seconds, int timeoutSeconds, int memoryMb, double cpus, long peakMemoryBytes,
                             List<CellRun> cells, Map<String, String> params, Map<String, Double> metrics,
                             Map<Integer, String> cellSources, String output, List<String> leftovers, Instant ranAt,
                             String script)
        implements StageOutcome, Serializable {
    private static final long serialVersionUID = 1L;
    public static final String PASSED = "NOTEBOOK_PASSED";
    public static final String FAILED = "NOTEBOOK_FAILED";

    public NotebookResult {
        cells = List.copyOf(cells);
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params));
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(metrics));
        cellSources = cellSources == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(cellSources));
        leftovers = leftovers == null ? List.of() : List.copyOf(leftovers);
    }

    @Override
    public Stage pipelineStage() {
        return Stage.NOTEBOOK;
    }

    /** The cell that failed, if one did. */
    public java.util.Optional<CellRun> failedCell() {
        return cells.stream().filter(CellRun::failed).findFirst();
    }

    @Override
    public String summary() {
        long ran = cells.stream().filter(c -> !CellRun.NOT_RUN.equals(c.status())).count();
        return verdict + ": " + notebook + ", " + ran + " of " + cells.size() + " code cells ran in "
                + String.format(java.util.Locale.ROOT, "%.2f s", seconds)
                + failedCell().map(c -> "; failed at " + c.where()).orElse("")
                + (leftovers.isEmpty() ? "" : "; LEFT RUNNING: " + String.join(", ", leftovers));
    }
}
