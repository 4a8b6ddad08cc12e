package io.jenkins.plugins.mlops.trigger;

import hudson.Extension;
import hudson.model.Action;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import io.jenkins.plugins.mlops.FormPermission;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import io.jenkins.plugins.mlops.core.registry.Names;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.event.EventCursor;
import io.jenkins.plugins.mlops.core.registry.event.EventDispatch;
import io.jenkins.plugins.mlops.core.registry.event.EventKinds;
import io.jenkins.plugins.mlops.core.registry.event.RegistryEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.ParameterizedJobMixIn;
import jenkins.util.Timer;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code triggers { mlRegistry(model: 'churn', event: 'stage:production') }}, or "Build when the
 * model registry logs an event" in a job's form: starts one build per event of the model in the
 * registry of the global configuration. Every few seconds ({@value #POLL_PROPERTY}, default 5) it
 * reads the registry's event log after its cursor (a file in the job's directory, kept per model
 * and event, started at the newest event when the trigger is first saved) and hands the new events
 * to {@link EventDispatch}: a build already carrying an event's number is not started again, a new
 * build is queued with the event (cause and environment), the queue is saved to disk, and only
 * then the cursor moves. Events logged while the controller is down start their builds when it is
 * back.
 */
public class RegistryTrigger extends Trigger<Job<?, ?>> {
    static final String POLL_PROPERTY = "io.jenkins.plugins.mlops.trigger.RegistryTrigger.pollSeconds";
    /** How far back a build carrying an event is looked for (events are handled in order, so the newest builds suffice). */
    private static final int BUILDS_SEARCHED = 50;
    private static final Logger LOG = Logger.getLogger(RegistryTrigger.class.getName());

    private final String model;
    private final String event;
    private transient ScheduledFuture<?> polling;
    private transient String lastProblem;

    @DataBoundConstructor
    public RegistryTrigger(String model, String event) {
        this.model = model == null ? null : model.strip();
        this.event = event == null || event.isBlank() ? EventKinds.PUBLISHED : event.strip();
    }

    public String getModel() {
        return model;
    }

    public String getEvent() {
        return event;
    }

    @Override
    public void start(Job<?, ?> project, boolean newInstance) {
        super.start(project, newInstance);
        try {
            cursor(); // made now, at the newest event: the trigger starts builds for what happens from now on
        } catch (RuntimeException e) {
            problem(e);
        }
        long seconds = Math.max(1, Long.getLong(POLL_PROPERTY, 5));
        polling = Timer.get().scheduleWithFixedDelay(this::poll, seconds, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        if (polling != null) {
            polling.cancel(false);
        }
        super.stop();
    }

    /** One look at the registry; never throws (it runs on Jenkins's shared timer). */
    synchronized void poll() {
        Job<?, ?> owner = job;
        if (owner == null) {
            return;
        }
        if (!Files.isDirectory(owner.getRootDir().toPath())) {
            stop(); // the job was deleted
            return;
        }
        try (Registry registry = MlopsGlobalConfiguration.get().openRegistry()) {
            registry.pull();
            EventCursor cursor = cursor(registry);
            EventDispatch.dispatch(registry.events(cursor.seq()), cursor, this::alreadyStarted, this::schedule);
            lastProblem = null;
        } catch (RuntimeException e) {
            problem(e);
        }
    }

    private EventCursor cursor() {
        try (Registry registry = MlopsGlobalConfiguration.get().openRegistry()) {
            return cursor(registry);
        }
    }

    private EventCursor cursor(Registry registry) {
        String kind = EventKinds.watched(event, "event");
        Path file = job.getRootDir().toPath().resolve("mlops-trigger-" + Names.model(model) + "--"
                + kind.replace(':', '-') + ".cursor");
        return EventCursor.open(file, model, kind, Files.exists(file) ? 0 : registry.lastEventSeq());
    }

    /** Whether one of the job's newest builds, or a build queued for it, was started for event {@code seq}. */
    private boolean alreadyStarted(long seq) {
        int searched = 0;
        for (Run<?, ?> run = job.getLastBuild(); run != null && searched < BUILDS_SEARCHED;
             run = run.getPreviousBuild(), searched++) {
            RegistryEventAction action = run.getAction(RegistryEventAction.class);
            if (action != null && action.getSeq() == seq) {
                return true;
            }
        }
        return false; // a queued one is found by the queue itself: see RegistryEventAction.shouldSchedule
    }

    /** Queues a build for {@code e} and saves the queue, so the build survives a crash from here on. */
    private void schedule(RegistryEvent e) {
        Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, 0, new CauseAction(new RegistryEventCause(e)),
                new RegistryEventAction(e));
        if (item == null) {
            LOG.log(Level.WARNING, MlopsMessages.RegistryTrigger_NotStarted.text(job.getFullName(), e.describe()));
            return;
        }
        Queue.getInstance().save();
        LOG.log(Level.INFO, MlopsMessages.RegistryTrigger_Queued.text(job.getFullName(), e.describe()));
    }

    /** Logs a problem once (not every few seconds) until it changes or is gone. */
    private void problem(RuntimeException e) {
        String text = e instanceof MlopsException ? e.getMessage() : e.toString();
        if (!text.equals(lastProblem)) {
            lastProblem = text;
            LOG.log(Level.WARNING, MlopsMessages.RegistryTrigger_Problem.text(job == null ? "?" : job.getFullName(), text));
        }
    }

    @Extension
    @Symbol("mlRegistry")
    public static class DescriptorImpl extends TriggerDescriptor {
        @Override
        public boolean isApplicable(Item item) {
            return item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @Override
        public String getDisplayName() {
            return MlopsMessages.RegistryTrigger_DisplayName.text();
        }

        @POST
        public FormValidation doCheckModel(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> valid(() -> Names.model(value == null ? null : value.strip())));
        }

        @POST
        public FormValidation doCheckEvent(@AncestorInPath Item item, @QueryParameter String value) {
            return FormPermission.onJob(item, () -> valid(() -> EventKinds.watched(value, "event")));
        }

        private static FormValidation valid(Runnable rule) {
            try {
                rule.run();
                return FormValidation.ok();
            } catch (MlopsException e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
