package io.jenkins.plugins.mlops.jenkinstests;

/**
 * Manage Jenkins » System » MLOps » Spark launcher pointed at this repository's {@code bin/mlops-spark}
 * (the CLI with the Spark engine, built from Maven Central on first use; bin/test-jenkins builds it
 * before the suite): what {@code mlValidate(engine: 'spark')} runs on the agent. Idempotent; every
 * class shares the one Jenkins, so it stays set for the classes after.
 */
final class SparkLauncherSetting {
    private SparkLauncherSetting() {
    }

    /** The repository's launcher, as an administrator sets it. */
    static String use(RealJenkins jenkins) {
        String launcher = jenkins.settings().repository().resolve("bin/mlops-spark").toString();
        set(jenkins, launcher);
        return launcher;
    }

    /** Sets the launcher (null: the default, mlops-spark on the agent's PATH) and returns the one set before. */
    static String set(RealJenkins jenkins, String launcher) {
        return jenkins.client().script("def c = io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration.get()\n"
                + "def before = c.sparkLauncher\n"
                + "c.sparkLauncher = " + (launcher == null ? "null" : MlAgent.groovyString(launcher)) + "\n"
                + "println(before == null ? '' : before)").trim();
    }
}
