package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The start page: experiments (with run counts) and every run, newest first, nested runs under their parent. */
public record RunIndex(List<Experiment> experiments, List<ComparisonReport.RunRow> runs) {

    /** An experiment and how many runs it has. */
    public record Experiment(String name, int runs, String latest) {
    }

    public static RunIndex of(List<RunRecord> records) {
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, String> latest = new LinkedHashMap<>();
        for (RunRecord r : records) {
            String name = r.experiment() == null ? "" : r.experiment();
            counts.computeIfAbsent(name, k -> new int[1])[0]++;
            latest.put(name, r.displayName());
        }
        List<Experiment> experiments = new ArrayList<>();
        counts.forEach((name, n) -> experiments.add(new Experiment(name, n[0], latest.get(name))));
        experiments.sort(java.util.Comparator.comparing(Experiment::name));
        List<ComparisonReport.RunRow> runs = io.jenkins.plugins.mlops.core.track.RunNesting.rows(ComparisonReport.reversed(records)).stream()
                .map(n -> ComparisonReport.row(n.run(), n.depth())).toList();
        return new RunIndex(experiments, runs);
    }

    /** The fragment as JTE content, to place in a page template ({@code ${fragment}}). */
    public gg.jte.Content fragment(Links links) {
        return Templates.content("ui/index.jte", new View(this, links));
    }

    public String toHtmlFragment(Links links) {
        return Templates.render("ui/index.jte", new View(this, links));
    }

    /** The index with its links. */
    public record View(RunIndex index, Links links) {
    }
}
