package io.jenkins.plugins.mlops.trigger;

import hudson.model.Cause;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.registry.event.RegistryEvent;
import java.util.Objects;

/**
 * Why a build started: an event of the model registry ("Started by the model registry: churn
 * 1.2.0 entered stage production (event #42): assigned by alice"). Shown on the build page
 * (escaped, see description.jelly) and at the top of its log. Plain fields: Jenkins keeps it in
 * build.xml.
 */
public class RegistryEventCause extends Cause {
    private final long seq;
    private final String description;
    private final String cause;

    public RegistryEventCause(RegistryEvent event) {
        this.seq = event.seq();
        this.description = event.describe();
        this.cause = event.cause();
    }

    public long getSeq() {
        return seq;
    }

    @Override
    public String getShortDescription() {
        return MlopsMessages.RegistryTrigger_Cause.text(description, cause);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegistryEventCause other && other.seq == seq && Objects.equals(other.description, description);
    }

    @Override
    public int hashCode() {
        return Objects.hash(seq, description);
    }
}
