package io.jenkins.plugins.mlops.jenkinstests;

/** A finished build: its result (SUCCESS, UNSTABLE, FAILURE, ABORTED), console text and duration. */
public record Build(String job, int number, String result, String console, long durationMillis) {

    /** The build's path under the Jenkins URL, e.g. {@code job/x/3/}. */
    public String path() {
        return "job/" + JenkinsClient.encodePath(job) + "/" + number + "/";
    }

    @Override
    public String toString() {
        return job + " #" + number + " " + result + " (" + durationMillis + " ms)";
    }
}
