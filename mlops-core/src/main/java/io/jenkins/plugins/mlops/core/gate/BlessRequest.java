package io.jenkins.plugins.mlops.core.gate;

import java.io.Serializable;
import java.nio.file.Path;

/**
 * What to bless: a gates file, the candidate (a predictions file — CSV/JSONL, enabling bootstrap
 * intervals — or a metrics JSON/YAML) and where the baseline comes from ({@code null}: none, only
 * absolute thresholds apply). Paths are absolute or relative to the process's working directory;
 * front ends resolve user paths inside the workspace first (SafePaths).
 */
public record BlessRequest(String gatesFile, String candidateFile, BaselineSource baseline) implements Serializable {
    private static final long serialVersionUID = 1L;

    public static BlessRequest of(Path gates, Path candidate, BaselineSource baseline) {
        return new BlessRequest(gates.toString(), candidate.toString(), baseline);
    }
}
