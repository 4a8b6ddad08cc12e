package io.jenkins.plugins.mlops.config;

import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.infra.Backends;
import io.jenkins.plugins.mlops.core.io.HttpUrls;
import io.jenkins.plugins.mlops.core.registry.Names;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.steps.StepArguments;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What the global configuration's form checks compute, as the problem to show (null: fine) (each web method keeps its own
 * {@code @POST} and passes through {@link io.jenkins.plugins.mlops.FormPermission}). The rules are core's: what a remote registry is
 * ({@link Registry#isRemote}), the sandbox backends ({@link Backends#NAMES}), stage names
 * ({@link Names#stage}), a provider URL ({@link HttpUrls#isHttpUrl}).
 */
final class ConfigChecks {
    private ConfigChecks() {
    }

    /** Empty (the default registry), a Git URL, or an absolute directory on the controller. */
    static String registry(String value) {
        String v = StepArguments.fixEmpty(value);
        if (v == null || Registry.isRemote(v)) {
            return null;
        }
        try {
            if (Path.of(v).isAbsolute()) {
                return null;
            }
        } catch (InvalidPathException e) {
            // reported below
        }
        return MlopsMessages.GlobalConfiguration_RegistryNotAbsolute.text(v);
    }

    /** Empty (each spec's own) or one of core's backends. */
    static String sandbox(String value) {
        String v = StepArguments.fixEmpty(value);
        return v == null || Backends.NAMES.contains(v) ? null
                : (MlopsMessages.GlobalConfiguration_UnknownSandbox.text(v, String.join(", ", Backends.NAMES)));
    }

    /** Empty, or an http(s) URL by core's rule for a provider URL ({@link HttpUrls#isHttpUrl}). */
    static String prometheusUrl(String value) {
        String v = StepArguments.fixEmpty(value);
        return v == null || HttpUrls.isHttpUrl(v) ? null : MlopsMessages.GlobalConfiguration_NotHttpUrl.text(v);
    }

    /** The Spark launcher when none is configured: bin/mlops-spark installed on the agent's PATH under this name. */
    static final String SPARK_LAUNCHER = "mlops-spark";

    /**
     * Empty (the default, {@value #SPARK_LAUNCHER} on the agent's PATH), a command name, or an absolute
     * path: one program, run without a shell, so no arguments, no option-like name and no path relative
     * to a workspace a build could fill.
     */
    static String sparkLauncher(String value) {
        String v = StepArguments.fixEmpty(value);
        if (v == null) {
            return null;
        }
        boolean name = v.matches("[A-Za-z0-9_][A-Za-z0-9._+-]*");
        boolean absolute = v.startsWith("/") && !v.contains("\n") && !v.matches(".*(^|/)\\.\\.(/|$).*");
        return name || absolute ? null : MlopsMessages.GlobalConfiguration_SparkLauncher.text(v, SPARK_LAUNCHER);
    }

    /** Comma- or newline-separated stage names, each valid. */
    static String protectedStages(String value) {
        try {
            stageNames(value);
            return null;
        } catch (BadInputException e) {
            return e.getMessage();
        }
    }

    /**
     * The stage names of a comma- or newline-separated list, lower case, in order.
     *
     * @throws BadInputException naming the first entry that is not a stage name
     */
    static Set<String> stageNames(String value) {
        Set<String> names = new LinkedHashSet<>();
        for (String entry : StepArguments.list(value)) {
            names.add(Names.stage(entry.toLowerCase(Locale.ROOT)));
        }
        return names;
    }

    /** The form's answer for a check's problem. */
    static FormValidation form(String problem) {
        return problem == null ? FormValidation.ok() : FormValidation.error(problem);
    }
}
