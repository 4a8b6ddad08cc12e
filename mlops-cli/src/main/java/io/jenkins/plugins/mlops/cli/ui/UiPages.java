package io.jenkins.plugins.mlops.cli.ui;

import gg.jte.Content;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.SemVer;
import io.jenkins.plugins.mlops.core.report.ComparisonReport;
import io.jenkins.plugins.mlops.core.report.Links;
import io.jenkins.plugins.mlops.core.report.RegistryPages;
import io.jenkins.plugins.mlops.core.report.RolloutPage;
import io.jenkins.plugins.mlops.core.report.RunDiff;
import io.jenkins.plugins.mlops.core.report.RunIndex;
import io.jenkins.plugins.mlops.core.report.RunPage;
import io.jenkins.plugins.mlops.core.report.RunSearch;
import io.jenkins.plugins.mlops.core.report.StageSections;
import io.jenkins.plugins.mlops.core.report.UiShell;
import io.jenkins.plugins.mlops.core.rollout.RolloutState;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.Objects;

/**
 * The pages of {@code mlops ui}, as a route table. Each page is a core renderer's fragment (the same
 * one the Jenkins pages embed); this class only reads the store (and the registry) and picks the
 * fragment. To add a page, add a route here. The registry pages read a local registry directory
 * through {@link Registry} (names are checked by the registry, so a name cannot reach outside it).
 */
public final class UiPages {
    static final Links LINKS = Links.ui();
    static final Links REGISTRY_LINKS = Links.ui(true);

    private UiPages() {
    }

    /** Every page; "Registry" is in the navigation only when a registry is configured. */
    public static List<UiRoute> routes(StageSections sections, boolean registry) {
        return List.of(
                new UiRoute("/", "Runs", UiPages::index),
                new UiRoute("/compare", "Compare", UiPages::compare),
                new UiRoute("/registry", registry ? "Registry" : null, UiPages::models),
                new UiRoute("/run", null, r -> run(r, sections)),
                new UiRoute("/diff", null, UiPages::diff),
                new UiRoute("/rollout", null, UiPages::rollout),
                new UiRoute("/registry/model", null, UiPages::model),
                new UiRoute("/registry/version", null, UiPages::version),
                new UiRoute("/registry/diff", null, UiPages::versionDiff));
    }

    public static List<UiRoute> routes(StageSections sections) {
        return routes(sections, false);
    }

    static Links links(UiRequest request) {
        return request.registry() == null ? LINKS : REGISTRY_LINKS;
    }

    static UiPage index(UiRequest request) {
        List<RunRecord> runs = request.store().list();
        return UiPage.ok("Runs in " + request.store().root().getFileName(),
                RunIndex.of(runs).fragment(links(request)));
    }

    /**
     * All runs, or one experiment's ({@code ?experiment=NAME}), compared; {@code ?filter=EXPR} keeps
     * those that match an MLflow-style search ({@code metrics.valid_auc > 0.7 and tags.team = 'red'});
     * {@code ?primary=METRIC} shows that metric first.
     */
    static UiPage compare(UiRequest request) {
        String experiment = request.query().get("experiment");
        String filter = request.query().get("filter");
        List<RunRecord> runs = request.store().list();
        if (experiment != null) {
            runs = runs.stream().filter(r -> experiment.equals(Objects.requireNonNullElse(r.experiment(), ""))).toList();
            if (runs.isEmpty()) {
                throw new UiPage.NotFound("no experiment '" + experiment + "' in this store");
            }
        }
        String title = experiment == null ? "All runs" : "Experiment " + (experiment.isEmpty() ? "(none)" : experiment);
        Content results;
        try {
            results = RunSearch.fragment(title, runs, filter, request.query().get("primary"), links(request));
        } catch (BadInputException e) {
            throw new UiPage.BadRequest(e.getMessage());
        }
        return UiPage.ok(RunSearch.title(title, filter),
                UiShell.search(links(request).compareBase(), experiment, filter, results));
    }

    static UiPage run(UiRequest request, StageSections sections) {
        RunRecord run = read(request, request.require("id"));
        RunPage page = RunPage.of(run, sections);
        return UiPage.ok(page.title(), page.fragment(links(request)));
    }

    static UiPage diff(UiRequest request) {
        RunDiff diff = RunDiff.of(read(request, request.require("a")), read(request, request.require("b")));
        return UiPage.ok(diff.title(), diff.fragment(links(request)));
    }

    /** The rollout stage stored in a run ({@code ?run=ID}): its timeline, weights and analysis values. */
    static UiPage rollout(UiRequest request) {
        RunRecord run = read(request, request.require("run"));
        RolloutState state = RolloutPage.state(run).orElseThrow(() -> new UiPage.NotFound(
                "run " + run.id() + " has no rollout recorded (see 'mlops promote --run')"));
        boolean inRegistry = false;
        if (request.registry() != null) {
            try (Registry registry = openRegistry(request)) {
                inRegistry = registry.versions(state.model()).find(SemVer.parse(state.candidateVersion())).isPresent();
            } catch (BadInputException | UiPage.NotFound e) {
                inRegistry = false; // the model or version is not in this registry: no link
            }
        }
        RolloutPage page = RolloutPage.of(run, state, inRegistry);
        return UiPage.ok(page.title(), page.fragment(links(request)));
    }

    /** Every model in the registry: versions count, latest version, the version in each stage. */
    static UiPage models(UiRequest request) {
        try (Registry registry = openRegistry(request)) {
            return UiPage.ok("Model registry", RegistryPages.models(registry.models(), links(request)));
        }
    }

    /** One model ({@code ?name=}): versions with stage badges, stage history. */
    static UiPage model(UiRequest request) {
        String name = request.require("name");
        try (Registry registry = openRegistry(request)) {
            RegistryPages.ModelPage page = inRegistry(() -> RegistryPages.model(registry, name));
            return UiPage.ok(page.title(), page.fragment(links(request)));
        }
    }

    /** One version ({@code ?model=&version=}): lineage graph, checks, metrics, config, data, files, rollouts. */
    static UiPage version(UiRequest request) {
        String model = request.require("model");
        String version = request.require("version");
        List<RegistryPages.RolloutRef> rollouts = new ArrayList<>();
        for (RunRecord run : request.store().list()) {
            RolloutPage.state(run).filter(s -> model.equals(s.model()) && version.equals(s.candidateVersion()))
                    .ifPresent(s -> rollouts.add(new RegistryPages.RolloutRef(run.id(), s.verdict(),
                            s.passed())));
        }
        Set<String> runs = Set.copyOf(request.store().ids());
        try (Registry registry = openRegistry(request)) {
            RegistryPages.VersionPage page = inRegistry(() -> RegistryPages.version(registry, model, version,
                    runs::contains, rollouts, links(request)));
            return UiPage.ok(page.title(), page.fragment(links(request)));
        }
    }

    /** Two versions of a model ({@code ?model=&a=&b=}) side by side. */
    static UiPage versionDiff(UiRequest request) {
        String model = request.require("model");
        String a = request.require("a");
        String b = request.require("b");
        try (Registry registry = openRegistry(request)) {
            return UiPage.ok("Model " + model + ": " + a + " → " + b,
                    inRegistry(() -> RegistryPages.diff(registry, model, a, b, links(request))));
        }
    }

    /**
     * The configured registry, opened read-only in use: only an existing registry is opened (opening
     * a missing one would create it).
     */
    static Registry openRegistry(UiRequest request) {
        Path dir = request.registry();
        if (dir == null) {
            throw new UiPage.NotFound("no model registry is configured: start 'mlops ui' with --registry DIR, "
                    + "or publish a model with 'mlops publish' to the default registry");
        }
        if (!UiCommand.isRegistry(dir)) {
            throw new UiPage.NotFound("the registry " + dir + " is gone");
        }
        return Registry.openLocal(dir);
    }

    /** Unknown models and versions, and names that are not names (such as {@code ../x}), are 404s. */
    private static <T> T inRegistry(Supplier<T> read) {
        try {
            return read.get();
        } catch (BadInputException e) {
            throw new UiPage.NotFound(e.getMessage());
        }
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
