package io.jenkins.plugins.mlops.cli;

import io.jenkins.plugins.mlops.cli.data.SchemaCommand;
import io.jenkins.plugins.mlops.cli.demo.DemoCommand;
import io.jenkins.plugins.mlops.cli.gate.BlessCommand;
import io.jenkins.plugins.mlops.cli.monitor.MonitorCommand;
import io.jenkins.plugins.mlops.cli.importing.ImportCommand;
import io.jenkins.plugins.mlops.cli.infra.InfraValidateCommand;
import io.jenkins.plugins.mlops.cli.registry.PublishCommand;
import io.jenkins.plugins.mlops.cli.registry.RegistryCommand;
import io.jenkins.plugins.mlops.cli.rollout.PromoteCommand;
import io.jenkins.plugins.mlops.cli.runs.RunsCommand;
import io.jenkins.plugins.mlops.cli.validate.ValidateCommand;
import io.jenkins.plugins.mlops.cli.track.TrackCommand;
import io.jenkins.plugins.mlops.cli.ui.UiCommand;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code mlops}: the root command. Subcommands live in one package per stage
 * ({@code cli.track}, {@code cli.runs}, ...); this class only wires them and maps errors to
 * exit codes (docs/cli.md): 0 ok, 1 a check said no, 2 bad input or usage, 3 infrastructure.
 */
@Command(name = "mlops", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "ML CI/CD: track runs, validate data and models, bless, publish and promote.")
public final class MlopsCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. Picocli reflects over a command's whole tree
     * when it is added (a fifth of a second for all of these in a fresh JVM), so a command line
     * that names one gets only that one (see {@link #commandLine}); help and an unknown name get them all.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            TrackCommand.class,
            RunsCommand.class,
            ImportCommand.class,
            ValidateCommand.class,
            SchemaCommand.class,
            InfraValidateCommand.class,
            BlessCommand.class,
            PublishCommand.class,
            RegistryCommand.class,
            PromoteCommand.class,
            MonitorCommand.class,
            UiCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class);

    /** The subcommands of the commands that have some (each lists them in its own SUBCOMMANDS). */
    private static final Map<Class<?>, List<Class<?>>> GROUPS = Map.of(
            RunsCommand.class, RunsCommand.SUBCOMMANDS,
            ImportCommand.class, ImportCommand.SUBCOMMANDS,
            ValidateCommand.class, ValidateCommand.SUBCOMMANDS,
            SchemaCommand.class, SchemaCommand.SUBCOMMANDS,
            RegistryCommand.class, RegistryCommand.SUBCOMMANDS);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'mlops track --help'");
    }

    /** Runs the command line and returns the exit code; never calls System.exit (tests call this). */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(args);
        cli.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        Handlers handlers = new Handlers();
        cli.setExitCodeExceptionMapper(handlers);
        cli.setParameterExceptionHandler(handlers);
        cli.setExecutionExceptionHandler(handlers);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // picocli hands only Exceptions to the handler; an Error left to the JVM would exit 1, "anomalies found"
            PrintWriter errWriter = cli.getErr();
            errWriter.println("mlops: " + messageOf(e));
            errWriter.flush();
            return ExitCode.INFRASTRUCTURE.code();
        }
    }

    /**
     * How errors become messages and exit codes. A class, not lambdas: picocli is compiled for Java 5, and a lambda
     * implementing one of its interfaces makes the class-data archive of bin/mlops leave picocli's main class out
     * ("Old class has been linked"), so that every run read and verified it from the jar.
     */
    private static final class Handlers implements CommandLine.IExitCodeExceptionMapper,
            CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
        @Override
        public int getExitCode(Throwable e) {
            return exitCodeOf(e);
        }

        @Override
        public int handleParseException(CommandLine.ParameterException e, String[] args) {
            e.getCommandLine().getErr().println("mlops: " + e.getMessage());
            e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName()
                    + " --help'.");
            return ExitCode.BAD_INPUT.code();
        }

        @Override
        public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
            boolean debug = parseResult.originalArgs().contains("--debug");
            PrintWriter errWriter = commandLine.getErr();
            errWriter.println("mlops: " + messageOf(e));
            if (debug) {
                e.printStackTrace(errWriter);
            }
            errWriter.flush();
            return exitCodeOf(e);
        }
    }

    /**
     * The command tree that {@code args} needs, built once per run: picocli reflects over every command added,
     * so a command line that names a command gets only that branch ({@code mlops validate data ...}: the root,
     * {@code validate} and {@code data}), {@code mlops --version} gets no subcommand and {@code mlops --help}
     * the first level only. Anything else (help, no or an unknown name) gets the whole tree, so help,
     * suggestions and error messages are the same as with every command present.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new MlopsCommand());
        String first = args.length == 0 ? null : args[0];
        if (args.length == 1 && (first.equals("-V") || first.equals("--version"))) {
            return cli;
        }
        boolean rootHelpOnly = args.length == 1 && (first.equals("-h") || first.equals("--help"));
        List<Class<?>> named = SUBCOMMANDS.stream().filter(c -> isNamed(c, first)).toList();
        for (Class<?> subcommand : named.isEmpty() ? SUBCOMMANDS : named) {
            CommandLine added = new CommandLine(subcommand);
            cli.addSubcommand(added);
            List<Class<?>> children = rootHelpOnly ? List.of() : GROUPS.getOrDefault(subcommand, List.of());
            String second = named.isEmpty() || args.length < 2 ? null : args[1];
            List<Class<?>> namedChildren = children.stream().filter(c -> isNamed(c, second)).toList();
            for (Class<?> child : namedChildren.isEmpty() ? children : namedChildren) {
                added.addSubcommand(child); // (a loop, not a method reference: see Handlers)
            }
        }
        return cli;
    }

    /** True when {@code name} is the subcommand's name or an alias; "help" needs every subcommand. */
    private static boolean isNamed(Class<?> subcommand, String name) {
        Command command = subcommand.getAnnotation(Command.class);
        if (name == null || name.equals("help") || command == null) {
            return false;
        }
        return name.equals(command.name()) || Arrays.asList(command.aliases()).contains(name);
    }

    static int exitCodeOf(Throwable e) {
        if (e instanceof MlopsException m) {
            return m.exitCode().code();
        }
        if (e instanceof CommandLine.ParameterException) {
            return ExitCode.BAD_INPUT.code();
        }
        if (e instanceof UncheckedIOException || e instanceof java.io.IOException) {
            return ExitCode.INFRASTRUCTURE.code();
        }
        return ExitCode.INFRASTRUCTURE.code();
    }

    private static String messageOf(Throwable e) {
        if (e instanceof MlopsException) {
            return e.getMessage();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                // memory grows with the number of features, not rows: very wide data needs a larger heap
                return "out of memory (Java heap, at most " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB). Fix: give "
                        + "the JVM more, e.g. MLOPS_JAVA_OPTS=-Xmx4g; data validation needs about 5 KB per feature";
            }
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage() + " (run again with --debug for details)";
    }
}
