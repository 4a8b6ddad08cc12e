package io.jenkins.plugins.mlops.core.registry;

/** Why a version number was chosen (DESIGN.md's MAJOR.MINOR.PIPELINE scheme). */
public enum VersionBump {
    /** The model's first version. */
    FIRST,
    /** Schema hash or label definition changed from the parent: incompatible data or target. */
    MAJOR,
    /** A gated metric improved over the parent. */
    MINOR,
    /** The pipeline changed without the above. */
    PIPELINE,
    /** The publisher chose the number. */
    OVERRIDE
}
