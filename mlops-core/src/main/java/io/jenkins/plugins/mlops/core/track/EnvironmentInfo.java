package io.jenkins.plugins.mlops.core.track;

import java.io.Serializable;

/** Where the run happened: operating system, JVM and, when one is on PATH, Python. */
public record EnvironmentInfo(String os, String osVersion, String arch, String jvm, String python, String host)
        implements Serializable {
}
