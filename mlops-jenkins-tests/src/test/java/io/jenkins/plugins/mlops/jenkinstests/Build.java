package io.jenkins.plugins.mlops.jenkinstests;

/** A finished build: its result (SUCCESS, UNSTABLE, FAILURE, ABORTED), console text and duration. */
public record Build(String job, int number, String result, String console, long durationMillis) {

    /** The build's path under the Jenkins URL, e.g. {@code job/x/3/}. */
    public String path() {
        return "job/" + JenkinsClient.encodePath(job) + "/" + number + "/";
    }

    /** Console lines of stack frames in the plugin's classes: a step that failed by an exception, not by a verdict. */
    public java.util.List<String> pluginStackFrames() {
        return console.lines().filter(l -> l.contains("at PluginClassLoader for mlops//") || l.matches("\\s*at io\\.jenkins\\.plugins\\.mlops\\..*"))
                .toList();
    }

    @Override
    public String toString() {
        return job + " #" + number + " " + result + " (" + durationMillis + " ms)";
    }
}
