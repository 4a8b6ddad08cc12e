package io.jenkins.plugins.mlops.core.report;

/**
 * Where the pages link to, so one renderer serves {@code mlops ui} (paths under its root), a
 * Jenkins page (its own URLs) and a self-contained file (no links: {@link #none()}). Ids and
 * names are percent-encoded into query strings; a {@code null} base means "do not link".
 * {@code registryBase} is the registry's pages' root ({@code /registry}: models,
 * {@code /registry/model}, {@code /registry/version}, {@code /registry/diff}); {@code rolloutBase}
 * is the rollout page of a run's rollout stage.
 */
public record Links(String runBase, String compareBase, String diffBase, String registryBase, String rolloutBase) {
    public static Links none() {
        return new Links(null, null, null, null, null);
    }

    /** The paths {@code mlops ui} serves; {@code registry} says whether its registry pages exist. */
    public static Links ui(boolean registry) {
        return new Links("/run?id=", "/compare", "/diff", registry ? "/registry" : null, "/rollout?run=");
    }

    /** The paths {@code mlops ui} serves, without registry pages. */
    public static Links ui() {
        return ui(false);
    }

    public String run(String id) {
        return runBase == null ? null : runBase + SafeLinks.query(id);
    }

    public String experiment(String name) {
        if (compareBase == null) {
            return null;
        }
        return name == null ? compareBase : compareBase + "?experiment=" + SafeLinks.query(name);
    }

    public String diff(String a, String b) {
        return diffBase == null ? null : diffBase + "?a=" + SafeLinks.query(a) + "&b=" + SafeLinks.query(b);
    }

    /** The registry's models page. */
    public String models() {
        return registryBase;
    }

    public String model(String name) {
        return registryBase == null ? null : registryBase + "/model?name=" + SafeLinks.query(name);
    }

    public String version(String model, String version) {
        return registryBase == null ? null
                : registryBase + "/version?model=" + SafeLinks.query(model) + "&version=" + SafeLinks.query(version);
    }

    public String versionDiff(String model, String from, String to) {
        return registryBase == null ? null : registryBase + "/diff?model=" + SafeLinks.query(model)
                + "&a=" + SafeLinks.query(from) + "&b=" + SafeLinks.query(to);
    }

    /** The rollout page of the rollout stage stored in run {@code runId}. */
    public String rollout(String runId) {
        return rolloutBase == null ? null : rolloutBase + SafeLinks.query(runId);
    }
}
