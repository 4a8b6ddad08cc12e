package io.jenkins.plugins.mlops.core.track;

import java.io.Serializable;

/** The CI build that produced the run, when there is one (system "jenkins", "cli", ...). */
public record CiSource(String system, String job, Integer build, String url) implements Serializable {
    public static CiSource local() {
        return new CiSource("cli", null, null, null);
    }
}
