package io.jenkins.plugins.mlops.cli.registry;

import io.jenkins.plugins.mlops.cli.PositiveNumber;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.registry.Names;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.event.EventCursor;
import io.jenkins.plugins.mlops.core.registry.event.EventKinds;
import io.jenkins.plugins.mlops.core.registry.event.RegistryEvent;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "watch", mixinStandardHelpOptions = true,
        description = {"Run a command once for each new event of a model in the registry's event log (any CI, cron).",
            "The event is in the command's environment: MLOPS_EVENT_SEQ, MLOPS_EVENT_MODEL, MLOPS_EVENT_VERSION,",
            "MLOPS_EVENT_KIND, MLOPS_EVENT_CAUSE, MLOPS_EVENT_AT (and MLOPS_EVENT_RETRY=1 when it runs again, see below).",
            "A cursor file keeps the watcher's place: a restarted watcher neither misses nor repeats an event. An event whose",
            "command was cut short (the watcher killed while it ran) runs again once, with MLOPS_EVENT_RETRY=1.",
            "A command that exits non-zero is reported; the watcher goes on (with --once it then exits 1).",
            "Example: mlops registry watch churn --on stage:production -- ./deploy.sh"})
public final class RegistryWatchCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    RegistryOption registry;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model to watch.")
    String model;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND",
            description = "The command and its arguments, after '--'.")
    List<String> command;

    @Option(names = "--on", required = true, paramLabel = "EVENT",
            description = "published, stage:NAME (a version entered stage NAME), unstage:NAME, monitor:DRIFT, "
                    + "monitor:DEGRADED, monitor:OK, or any.")
    String on;

    @Option(names = "--cursor", paramLabel = "FILE",
            description = "Where the watcher keeps its place (default: STORE/watch/MODEL--EVENT.cursor).")
    Path cursorFile;

    @Option(names = "--from", paramLabel = "SEQ",
            description = "With a new cursor: start after event number SEQ (0: every event ever logged). "
                    + "Default: after the newest event, so only what happens from now on.")
    Long from;

    @Option(names = "--once", description = "Handle the pending events, then exit (for cron and tests).")
    boolean once;

    @Option(names = "--interval", paramLabel = "SECONDS", converter = PositiveNumber.class,
            description = "Seconds between two looks at the registry (default: 5).")
    int interval = 5;

    @Override
    public Integer call() throws InterruptedException {
        String kind = EventKinds.watched(on, "--on");
        Names.model(model);
        if (from != null && from < 0) {
            throw BadInputException.at("--from", 0, "'" + from + "' is negative", "give 0 (every event) or an event number");
        }
        PrintWriter out = spec.commandLine().getOut();
        boolean anyFailed = false;
        try (Registry reg = registry.open()) {
            reg.pull();
            if (reg.models().stream().noneMatch(m -> m.model().equals(model))) {
                throw BadInputException.at("MODEL", 0, "no model '" + model + "' in the registry " + reg.location(),
                        "publish it first, or check the name with 'mlops registry list'");
            }
            Path file = cursorFile != null ? cursorFile : registry.storeOption().open().root().resolve("watch")
                    .resolve(model + "--" + kind.replace(':', '-') + ".cursor");
            EventCursor cursor = EventCursor.open(file, model, kind, from != null ? from : reg.lastEventSeq());
            out.println("watching " + model + " for " + kind + " after event #" + cursor.seq() + " (cursor " + file + ")");
            out.flush();
            while (true) {
                reg.pull();
                List<RegistryEvent> log = reg.events(cursor.seq());
                OptionalLong cut = cursor.interrupted();
                for (RegistryEvent e : cursor.pending(log)) {
                    boolean retry = cut.isPresent() && cut.getAsLong() == e.seq();
                    if (retry) {
                        out.println("event #" + e.seq() + " was being handled when the watcher stopped: running its"
                                + " command again (MLOPS_EVENT_RETRY=1)");
                    }
                    cursor.starting(e);
                    int exit = run(e, retry, out);
                    cursor.handledThrough(e.seq());
                    anyFailed |= exit != 0;
                }
                if (!log.isEmpty()) {
                    cursor.handledThrough(log.get(log.size() - 1).seq()); // other models' events: seen, not wanted
                }
                if (once) {
                    return anyFailed ? ExitCode.CHECK_FAILED.code() : 0;
                }
                Thread.sleep(interval * 1000L);
            }
        }
    }

    /** Runs the command for {@code e} with the event in its environment, its output passed through; its exit code. */
    private int run(RegistryEvent e, boolean retry, PrintWriter out) throws InterruptedException {
        out.println("event #" + e.seq() + ": " + e.describe() + " - " + e.cause());
        out.flush();
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("MLOPS_EVENT_SEQ", Long.toString(e.seq()));
        env.put("MLOPS_EVENT_MODEL", e.model());
        env.put("MLOPS_EVENT_VERSION", e.version());
        env.put("MLOPS_EVENT_KIND", e.kind());
        env.put("MLOPS_EVENT_CAUSE", e.cause());
        env.put("MLOPS_EVENT_AT", String.valueOf(e.at()));
        if (retry) {
            env.put("MLOPS_EVENT_RETRY", "1");
        }
        Process p;
        try {
            p = builder.start();
        } catch (IOException x) {
            throw new InfrastructureException("cannot run '" + command.get(0) + "' for event #" + e.seq() + ": "
                    + x.getMessage() + ". Fix: give a command on PATH or its path; the event stays pending", x);
        }
        try (Reader in = new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buf = new char[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException x) {
            // the command closed its output early; its exit code still tells how it went
        }
        int exit = p.waitFor();
        out.println("event #" + e.seq() + ": command exited " + exit);
        out.flush();
        return exit;
    }
}
