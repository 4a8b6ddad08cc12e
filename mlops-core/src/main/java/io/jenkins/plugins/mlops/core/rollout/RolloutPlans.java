package io.jenkins.plugins.mlops.core.rollout;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.HttpUrls;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads, checks and expands rollout plans. Every string that reaches an nginx config or a query is checked here. */
public final class RolloutPlans {
    public static final String DOC = "docs/rollout.md";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,127}");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.-]{1,253}:([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])");
    private static final Pattern HEADER = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern COOKIE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private RolloutPlans() {
    }

    /** Reads a plan from JSON or YAML and checks it. */
    public static RolloutPlan read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a plan and checks it; a plan that names no Prometheus gets {@code defaultPrometheusUrl}
     * (a front end's site-wide setting, e.g. Jenkins's global configuration) when one is given.
     */
    public static RolloutPlan read(Path file, String defaultPrometheusUrl) {
        RolloutPlan plan = Json.readSpec(file, RolloutPlan.class, DOC);
        if (defaultPrometheusUrl != null && (plan.providers() == null || plan.providers().prometheus() == null)) {
            plan = plan.withProviders(new RolloutPlan.Providers(new RolloutPlan.PrometheusSpec(defaultPrometheusUrl, null),
                    plan.providers() == null ? null : plan.providers().json()));
        }
        validate(plan, file.toString());
        return plan;
    }

    /** Checks a plan (from a file or from step arguments); {@code source} names it in errors. */
    public static void validate(RolloutPlan plan, String source) {
        name(source, "model", plan.model());
        if (plan.stage() != null) {
            name(source, "stage", plan.stage());
        }
        backend(source, "stable", plan.stable());
        backend(source, "canary", plan.canary());
        if (plan.stable().version().equals(plan.canary().version())) {
            throw bad(source, "canary.version", "is the same as stable.version ('" + plan.canary().version()
                    + "'); the two are told apart by it in metrics", "give the candidate its own version");
        }
        router(source, plan.router());
        providers(source, plan.providers());
        Set<String> names = new HashSet<>();
        if (plan.analysis() != null) {
            nonNegative(source, "analysis.intervalSeconds", plan.analysis().intervalSeconds());
            nonNegative(source, "analysis.failureLimit", plan.analysis().failureLimit());
            nonNegative(source, "analysis.inconclusiveLimit", plan.analysis().inconclusiveLimit());
            for (int i = 0; i < plan.analysis().metrics().size(); i++) {
                RolloutPlan.MetricSpec metric = plan.analysis().metrics().get(i);
                String field = "analysis.metrics[" + i + "]";
                metric(source, field, metric, plan.providers());
                if (!names.add(metric.name())) {
                    throw bad(source, field + ".name", "'" + metric.name() + "' is used twice", "give each metric its own name");
                }
            }
        }
        for (int i = 0; i < plan.steps().size(); i++) {
            RolloutPlan.StepSpec step = plan.steps().get(i);
            String field = "steps[" + i + "]";
            if (step == null) {
                throw bad(source, field, "is empty", "give a weight or approval: true");
            }
            boolean approval = Boolean.TRUE.equals(step.approval());
            if (approval == (step.weight() != null)) {
                throw bad(source, field, "needs exactly one of 'weight' or 'approval: true'",
                        "write {weight: 10, bakeSeconds: 60} or {approval: true}");
            }
            if (step.weight() != null && (step.weight() < 0 || step.weight() > 100)) {
                throw bad(source, field + ".weight", "is " + step.weight() + ", outside 0..100", "give a percentage");
            }
            nonNegative(source, field + ".bakeSeconds", step.bakeSeconds());
        }
        switch (plan.strategy()) {
            case canary -> {
                if (plan.steps().stream().noneMatch(s -> s.weight() != null)) {
                    throw bad(source, "steps", "a canary needs at least one step with a weight",
                            "add steps such as [{weight: 10, bakeSeconds: 60}, {weight: 50, bakeSeconds: 60}]");
                }
                if (plan.shadow() != null) {
                    shadow(source, plan);
                }
            }
            case shadow -> {
                if (plan.shadow() == null) {
                    throw bad(source, "shadow", "strategy 'shadow' needs a 'shadow' section", "add shadow: {bakeSeconds: 60}");
                }
                shadow(source, plan);
            }
            case blueGreen -> {
                if (plan.blueGreen() != null) {
                    nonNegative(source, "blueGreen.bakeSeconds", plan.blueGreen().bakeSeconds());
                }
            }
            case abTest -> abTest(source, plan);
            default -> throw new IllegalStateException(plan.strategy().name());
        }
    }

    /** The plan as the engine walks it: one {@link Step} per router change, wait or approval. */
    public static List<Step> expand(RolloutPlan plan) {
        List<Step> steps = new ArrayList<>();
        boolean analyse = plan.analysis() != null;
        switch (plan.strategy()) {
            case canary, shadow -> {
                if (plan.shadow() != null) {
                    steps.add(new Step(Step.Kind.SHADOW, 0, orZero(plan.shadow().bakeSeconds()), true, "shadow"));
                }
                if (plan.strategy() == RolloutPlan.Strategy.canary) {
                    int weight = 0;
                    for (RolloutPlan.StepSpec spec : plan.steps()) {
                        if (Boolean.TRUE.equals(spec.approval())) {
                            steps.add(new Step(Step.Kind.APPROVAL, weight, 0, false, spec.note()));
                        } else {
                            weight = spec.weight();
                            boolean analysis = analyse && !Boolean.FALSE.equals(spec.analysis());
                            steps.add(new Step(Step.Kind.WEIGHT, weight, orZero(spec.bakeSeconds()), analysis, spec.note()));
                        }
                    }
                }
            }
            case blueGreen -> {
                RolloutPlan.BlueGreenSpec bg = plan.blueGreen();
                if (bg != null && Boolean.TRUE.equals(bg.approval())) {
                    steps.add(new Step(Step.Kind.APPROVAL, 0, 0, false, "approve the switch"));
                }
                steps.add(new Step(Step.Kind.WEIGHT, 100, bg == null ? 0 : orZero(bg.bakeSeconds()), analyse,
                        "switch (post-promotion analysis)"));
            }
            case abTest -> steps.add(new Step(Step.Kind.AB_TEST, 0, orZero(plan.abTest().bakeSeconds()), true, "A/B test"));
            default -> throw new IllegalStateException(plan.strategy().name());
        }
        return List.copyOf(steps);
    }

    static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static void shadow(String source, RolloutPlan plan) {
        nonNegative(source, "shadow.bakeSeconds", plan.shadow().bakeSeconds());
        nonNegative(source, "shadow.minRequests", plan.shadow().minRequests());
        fraction(source, "shadow.maxDisagreement", plan.shadow().maxDisagreement());
        fraction(source, "shadow.maxErrorRate", plan.shadow().maxErrorRate());
        if (!"nginx".equals(plan.router().type())) {
            throw bad(source, "shadow", "mirroring needs the nginx router (the file router cannot pair requests)",
                    "use router.type: nginx, or measure the shadow with your own tooling and a json metric");
        }
    }

    private static void abTest(String source, RolloutPlan plan) {
        RolloutPlan.AbTestSpec ab = plan.abTest();
        if (ab == null) {
            throw bad(source, "abTest", "strategy 'abTest' needs an 'abTest' section", "see " + DOC);
        }
        if (ab.header() == null && ab.cookie() == null) {
            throw bad(source, "abTest", "needs a 'header' or a 'cookie' to split by", "add header: X-Variant");
        }
        if (ab.header() != null && !HEADER.matcher(ab.header()).matches()) {
            throw bad(source, "abTest.header", "'" + ab.header() + "' is not a header name", "use letters, digits and '-'");
        }
        if (ab.cookie() != null && !COOKIE.matcher(ab.cookie()).matches()) {
            throw bad(source, "abTest.cookie", "'" + ab.cookie() + "' is not a cookie name", "use letters, digits, '_' and '-'");
        }
        if (ab.value() == null || !VALUE.matcher(ab.value()).matches()) {
            throw bad(source, "abTest.value", "'" + ab.value() + "' is not a plain value", "use letters, digits, '.', '_' and '-'");
        }
        if (ab.stickyHeader() != null && !HEADER.matcher(ab.stickyHeader()).matches()) {
            throw bad(source, "abTest.stickyHeader", "'" + ab.stickyHeader() + "' is not a header name",
                    "use letters, digits and '-'");
        }
        if (ab.percent() != null && (ab.percent() < 0 || ab.percent() > 100)) {
            throw bad(source, "abTest.percent", "is " + ab.percent() + ", outside 0..100", "give a percentage");
        }
        nonNegative(source, "abTest.bakeSeconds", ab.bakeSeconds());
        nonNegative(source, "abTest.minSamples", ab.minSamples());
        if (ab.alpha() != null && !(ab.alpha() > 0 && ab.alpha() < 1)) {
            throw bad(source, "abTest.alpha", "is " + ab.alpha() + ", outside (0, 1)", "use e.g. 0.05");
        }
        if (ab.outcome() == null || ab.outcome().successes() == null || ab.outcome().trials() == null) {
            throw bad(source, "abTest.outcome", "needs 'successes' and 'trials' metrics", "see " + DOC);
        }
        metric(source, "abTest.outcome.successes", withName(ab.outcome().successes(), "successes"), plan.providers());
        metric(source, "abTest.outcome.trials", withName(ab.outcome().trials(), "trials"), plan.providers());
    }

    private static RolloutPlan.MetricSpec withName(RolloutPlan.MetricSpec m, String name) {
        return m.name() != null ? m : new RolloutPlan.MetricSpec(name, m.provider(), m.query(), m.url(), m.pointer(),
                m.min(), m.max(), m.relative());
    }

    private static void metric(String source, String field, RolloutPlan.MetricSpec metric, RolloutPlan.Providers providers) {
        if (metric == null) {
            throw bad(source, field, "is empty", "see " + DOC);
        }
        name(source, field + ".name", metric.name());
        String provider = metric.provider() == null ? "prometheus" : metric.provider();
        switch (provider) {
            case "prometheus" -> {
                if (metric.query() == null || metric.query().isBlank()) {
                    throw bad(source, field + ".query", "is missing", "give a PromQL instant query");
                }
                if (providers == null || providers.prometheus() == null) {
                    throw bad(source, "providers.prometheus", "is missing but " + field + " uses it",
                            "add providers: {prometheus: {url: http://127.0.0.1:9090}}");
                }
            }
            case "json" -> {
                if (metric.url() == null || !HttpUrls.isHttpUrl(metric.url().replace("{{", "").replace("}}", ""))) {
                    throw bad(source, field + ".url", "'" + metric.url() + "' is not an http(s) URL", "give the document's URL");
                }
                if (metric.pointer() == null || !metric.pointer().startsWith("/")) {
                    throw bad(source, field + ".pointer", "'" + metric.pointer() + "' is not a JSON Pointer",
                            "write e.g. /metrics/errorRate");
                }
            }
            default -> throw bad(source, field + ".provider", "'" + provider + "' is not a provider",
                    "use prometheus or json");
        }
        if (metric.min() != null && metric.max() != null && metric.min() > metric.max()) {
            throw bad(source, field, "min " + metric.min() + " is above max " + metric.max(), "swap them");
        }
    }

    private static void router(String source, RolloutPlan.RouterSpec router) {
        if (router == null || router.type() == null) {
            throw bad(source, "router.type", "is missing", "use router: {type: nginx, nginx: {...}} or {type: file, file: {path: ...}}");
        }
        switch (router.type()) {
            case "nginx" -> {
                RolloutPlan.NginxSpec nginx = router.nginx();
                if (nginx == null || nginx.config() == null || nginx.siteFile() == null || nginx.listen() == null) {
                    throw bad(source, "router.nginx", "needs 'config', 'siteFile' and 'listen'", "see " + DOC);
                }
                if (!ADDRESS.matcher(nginx.listen()).matches()) {
                    throw bad(source, "router.nginx.listen", "'" + nginx.listen() + "' is not host:port", "write e.g. 127.0.0.1:8080");
                }
                for (String path : new String[] {nginx.config(), nginx.siteFile(), nginx.prefix(), nginx.binary(), nginx.errorLog()}) {
                    if (path != null && (path.indexOf('\0') >= 0 || path.contains("\n") || path.contains(";"))) {
                        throw bad(source, "router.nginx", "a path contains a control character or ';'", "give plain paths");
                    }
                }
            }
            case "file" -> {
                if (router.file() == null || router.file().path() == null || router.file().path().isBlank()) {
                    throw bad(source, "router.file.path", "is missing", "give the JSON file to write the weights to");
                }
            }
            default -> throw bad(source, "router.type", "'" + router.type() + "' is not a router", "use nginx or file");
        }
    }

    private static void providers(String source, RolloutPlan.Providers providers) {
        if (providers != null && providers.prometheus() != null) {
            String url = providers.prometheus().url();
            if (!HttpUrls.isHttpUrl(url)) {
                throw bad(source, "providers.prometheus.url", "'" + url + "' is not an http(s) URL", "write e.g. http://127.0.0.1:9090");
            }
        }
    }

    private static void backend(String source, String field, RolloutPlan.Backend backend) {
        if (backend == null) {
            throw bad(source, field, "is missing", "give {version: ..., address: host:port}");
        }
        name(source, field + ".version", backend.version());
        if (backend.address() == null || !ADDRESS.matcher(backend.address()).matches()) {
            throw bad(source, field + ".address", "'" + backend.address() + "' is not host:port", "write e.g. 127.0.0.1:8501");
        }
    }

    private static void name(String source, String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw bad(source, field, value == null ? "is missing" : "'" + value + "' is not a plain name",
                    "use letters, digits, '.', '_', '+' and '-' (at most 128)");
        }
    }

    private static void nonNegative(String source, String field, Integer value) {
        if (value != null && value < 0) {
            throw bad(source, field, "is " + value + ", below 0", "give 0 or more");
        }
    }

    private static void fraction(String source, String field, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw bad(source, field, "is " + value + ", outside 0..1", "give a fraction, e.g. 0.05 for 5%");
        }
    }

    private static BadInputException bad(String source, String field, String problem, String fix) {
        return BadInputException.at(source, 0, "field '" + field + "' " + problem, fix);
    }
}
