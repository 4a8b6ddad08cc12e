package io.jenkins.plugins.mlops.core.registry;

/**
 * Tag names as GTO writes them, so GTO and plain Git read the same registry:
 * {@code name@v1.2.0} registers a version, {@code name#stage#N} is the N-th change of a stage
 * assigning a version, {@code name#stage!#N} unassigns it.
 */
public final class GtoTags {
    private GtoTags() {
    }

    public static String version(String model, SemVer version) {
        return model + "@v" + version;
    }

    public static String assign(String model, String stage, int number) {
        return model + "#" + stage + "#" + number;
    }

    public static String unassign(String model, String stage, int number) {
        return model + "#" + stage + "!#" + number;
    }
}
