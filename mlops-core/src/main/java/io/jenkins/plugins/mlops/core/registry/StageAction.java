package io.jenkins.plugins.mlops.core.registry;

/** Putting a version into a stage, or taking the stage's current version out of it. */
public enum StageAction {
    ASSIGN,
    UNASSIGN
}
