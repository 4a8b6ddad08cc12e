package io.jenkins.plugins.mlops.core.report;

/**
 * Where the pages link to, so one renderer serves {@code mlops ui} (paths under its root), a
 * Jenkins page (its own URLs) and a self-contained file (no links: {@link #none()}). Ids and
 * names are percent-encoded into query strings; a {@code null} base means "do not link".
 */
public record Links(String runBase, String compareBase, String diffBase) {
    public static Links none() {
        return new Links(null, null, null);
    }

    /** The paths {@code mlops ui} serves. */
    public static Links ui() {
        return new Links("/run?id=", "/compare", "/diff");
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
}
