package io.jenkins.plugins.mlops.core.track;

/** Life cycle of a run. */
public enum RunStatus {
    RUNNING, FINISHED, FAILED
}
