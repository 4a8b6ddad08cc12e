package io.jenkins.plugins.mlops.core.infra;

import java.io.Serializable;
import java.util.List;

/**
 * What tearing a sandbox down did and what, checked afterwards, is still there (nothing, normally).
 *
 * @param processesKilled processes that were still running and had to be killed
 * @param leftovers       processes, socket files, cgroups or containers still present afterwards
 */
public record Teardown(int processesKilled, double seconds, List<String> leftovers) implements Serializable {
    public Teardown {
        leftovers = leftovers == null ? List.of() : List.copyOf(leftovers);
    }

    public boolean clean() {
        return leftovers.isEmpty();
    }
}
