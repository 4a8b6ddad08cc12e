package io.jenkins.plugins.mlops.cli.ui;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.report.ComparisonReport;
import io.jenkins.plugins.mlops.core.report.Links;
import io.jenkins.plugins.mlops.core.report.RunDiff;
import io.jenkins.plugins.mlops.core.report.RunIndex;
import io.jenkins.plugins.mlops.core.report.RunPage;
import io.jenkins.plugins.mlops.core.report.StageSections;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.util.List;
import java.util.Objects;

/**
 * The pages of {@code mlops ui}, as a route table. Each page is a core renderer's fragment (the same
 * one the Jenkins pages embed); this class only reads the store and picks the fragment. To add a
 * page (registry, rollout), add a route here.
 */
public final class UiPages {
    static final Links LINKS = Links.ui();

    private UiPages() {
    }

    public static List<UiRoute> routes(StageSections sections) {
        return List.of(
                new UiRoute("/", "Runs", UiPages::index),
                new UiRoute("/compare", "Compare", UiPages::compare),
                new UiRoute("/run", null, r -> run(r, sections)),
                new UiRoute("/diff", null, UiPages::diff));
    }

    static UiPage index(UiRequest request) {
        List<RunRecord> runs = request.store().list();
        return UiPage.ok("Runs in " + request.store().root().getFileName(),
                RunIndex.of(runs).fragment(LINKS));
    }

    /** All runs, or one experiment's ({@code ?experiment=NAME}), compared. */
    static UiPage compare(UiRequest request) {
        String experiment = request.query().get("experiment");
        List<RunRecord> runs = request.store().list();
        if (experiment != null) {
            runs = runs.stream().filter(r -> experiment.equals(Objects.requireNonNullElse(r.experiment(), ""))).toList();
            if (runs.isEmpty()) {
                throw new UiPage.NotFound("no experiment '" + experiment + "' in this store");
            }
        }
        String title = experiment == null ? "All runs" : "Experiment " + (experiment.isEmpty() ? "(none)" : experiment);
        return UiPage.ok(title, ComparisonReport.of(title, runs).fragment(LINKS));
    }

    static UiPage run(UiRequest request, StageSections sections) {
        RunRecord run = read(request, request.require("id"));
        RunPage page = RunPage.of(run, sections);
        return UiPage.ok(page.title(), page.fragment(LINKS));
    }

    static UiPage diff(UiRequest request) {
        RunDiff diff = RunDiff.of(read(request, request.require("a")), read(request, request.require("b")));
        return UiPage.ok(diff.title(), diff.fragment(LINKS));
    }

    /** A run by id or unambiguous prefix; anything else (unknown, ambiguous, not an id) is a 404. */
    static RunRecord read(UiRequest request, String id) {
        try {
            return request.store().read(id);
        } catch (BadInputException e) {
            throw new UiPage.NotFound(e.getMessage());
        }
    }
}
