package io.jenkins.plugins.mlops.trigger;

import hudson.EnvVars;
import hudson.model.Action;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Queue;
import hudson.model.Run;
import io.jenkins.plugins.mlops.core.registry.event.RegistryEvent;
import java.util.List;

/**
 * The registry event a build was started for: its environment gets {@code MLOPS_EVENT_SEQ},
 * {@code _MODEL}, {@code _VERSION}, {@code _KIND}, {@code _CAUSE} and {@code _AT} (the same names
 * as {@code mlops registry watch} gives its command), and the queue keeps one item per event: a
 * second request for the same event is folded into the queued one, a request for another event
 * queues a build of its own (Jenkins would otherwise fold any two requests for a job into one).
 * Invisible (no page); plain fields, kept in build.xml and queue.xml.
 */
public class RegistryEventAction implements Queue.QueueAction, EnvironmentContributingAction {
    private final long seq;
    private final String model;
    private final String version;
    private final String kind;
    private final String cause;
    private final String at;

    public RegistryEventAction(RegistryEvent event) {
        this.seq = event.seq();
        this.model = event.model();
        this.version = event.version();
        this.kind = event.kind();
        this.cause = event.cause();
        this.at = String.valueOf(event.at());
    }

    public long getSeq() {
        return seq;
    }

    @Override
    public boolean shouldSchedule(List<Action> actions) {
        for (Action a : actions) {
            if (a instanceof RegistryEventAction other && other.seq == seq) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void buildEnvironment(Run<?, ?> run, EnvVars env) {
        env.put("MLOPS_EVENT_SEQ", Long.toString(seq));
        env.put("MLOPS_EVENT_MODEL", model);
        env.put("MLOPS_EVENT_VERSION", version);
        env.put("MLOPS_EVENT_KIND", kind);
        env.put("MLOPS_EVENT_CAUSE", cause == null ? "" : cause);
        env.put("MLOPS_EVENT_AT", at);
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
