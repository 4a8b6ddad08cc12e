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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * to {@link EventDispatch}: an event with a build carrying its number is done (the cursor moves past
 * it), one with a queued build waits, any other gets a build queued with the event (cause and
 * environment). The cursor never moves past a build that is only queued, so events logged while
 * the controller is down, or queued when it was killed and lost with its queue, start their builds
 * when it is back.
 */
public class RegistryTrigger extends Trigger<Job<?, ?>> {
    static final String POLL_PROPERTY = "io.jenkins.plugins.mlops.trigger.RegistryTrigger.pollSeconds";
    /** How far back a build carrying an event is looked for (events are handled in order, so the newest builds suffice). */
    private static final int BUILDS_SEARCHED = 50;
    private static final Logger LOG = Logger.getLogger(RegistryTrigger.class.getName());
    /**
     * One look at a time, across instances: saving a job's configuration (or a Declarative run
     * setting its triggers) stops one instance and starts another on the same cursor file, and a
     * look of the old one may still be running.
     */
    private static final Object LOOKING = new Object();
    /** Per job, model and event: what this life of Jenkins queued (it outlives the trigger instances a job's saves replace). */
    private static final Map<String, EventDispatch> DISPATCHES = new ConcurrentHashMap<>();

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
    void poll() {
        synchronized (LOOKING) {
            look();
        }
    }

    private void look() {
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
            DISPATCHES.computeIfAbsent(owner.getFullName() + "\n" + model + "\n" + event,
                    k -> new EventDispatch(Duration.ofMinutes(2), System::nanoTime))
                    .dispatch(registry.events(cursor.seq()), cursor, new JobOfTrigger(owner));
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

    /** The job's builds and queue items as {@link EventDispatch} asks about them. */
    private record JobOfTrigger(Job<?, ?> job) implements EventDispatch.Jobs {
        @Override
        public boolean built(long seq) {
            int searched = 0;
            for (Run<?, ?> run = job.getLastBuild(); run != null && searched < BUILDS_SEARCHED;
                 run = run.getPreviousBuild(), searched++) {
                if (carries(run.getAction(RegistryEventAction.class), seq)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public boolean queued(long seq) {
            if (!(job instanceof Queue.Task task)) {
                return false;
            }
            for (Queue.Item item : Queue.getInstance().getItems(task)) {
                if (carries(item.getAction(RegistryEventAction.class), seq)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean carries(RegistryEventAction action, long seq) {
            return action != null && action.getSeq() == seq;
        }

        @Override
        public boolean queue(RegistryEvent e) {
            Queue.Item item = ParameterizedJobMixIn.scheduleBuild2(job, 0, new CauseAction(new RegistryEventCause(e)),
                    new RegistryEventAction(e));
            if (item == null) {
                LOG.log(Level.WARNING, MlopsMessages.RegistryTrigger_NotStarted.text(job.getFullName(), e.describe()));
                return false;
            }
            LOG.log(Level.INFO, MlopsMessages.RegistryTrigger_Queued.text(job.getFullName(), e.describe()));
            return true;
        }
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
