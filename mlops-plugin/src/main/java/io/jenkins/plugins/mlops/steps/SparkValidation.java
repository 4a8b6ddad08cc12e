package io.jenkins.plugins.mlops.steps;

import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.data.DataValidationRequest;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.data.DataValidator;
import io.jenkins.plugins.mlops.core.data.SchemaReader;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * mlValidate's data validation with {@code engine: 'spark'}, on the agent. The plugin carries no
 * Spark: the Spark launcher (the project's bin/mlops-spark, the CLI with the Spark engine) runs
 * {@code validate data ... --engine spark --json} as a child process, its arguments a list (no
 * shell), in the workspace, with the build's environment, its output in a fresh directory under the
 * workspace. What it prints is the very Result the local engine returns, read back into its record:
 * the controller stores it and writes its reports as for the local engine. Exit 2 is bad input with
 * the CLI's own message; anything it cannot explain is an infrastructure failure naming its log.
 */
final class SparkValidation implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Lines of the launcher's log a failure it did not explain shows. */
    private static final int LOG_TAIL = 15;
    private static final String CLI_PREFIX = "mlops: ";

    private final String launcher;
    private final String master;
    private final Map<String, String> environment;

    /**
     * @param launcher    the global configuration's Spark launcher: a command name or an absolute path
     * @param master      the Spark master (checked), or null for the launcher's default ({@code local[*]})
     * @param environment the build's environment on the agent, over the agent's own (its PATH finds the launcher)
     */
    SparkValidation(String launcher, String master, Map<String, String> environment) {
        this.launcher = launcher;
        this.master = master;
        this.environment = new LinkedHashMap<>(environment);
    }

    /** Validates {@code request} (paths already resolved inside {@code workspace}) on Spark. */
    DataValidationResult validate(Path workspace, DataValidationRequest request) throws InterruptedException {
        DataValidator.requireFiles(request);
        SchemaReader.read(Path.of(request.schema())); // a bad schema is told as locally, before a Spark JVM starts
        Path program = program();
        Path dir = freshDirectory(workspace);
        Path result = dir.resolve("result.json");
        Path log = dir.resolve("launcher.log");
        int code;
        try {
            code = run(command(program, request, dir.resolve("store")), workspace, result, log);
        } catch (InterruptedException aborted) {
            delete(dir);
            throw aborted;
        }
        if (code == ExitCode.BAD_INPUT.code()) {
            String message = cliMessage(log);
            delete(dir);
            throw new BadInputException(message);
        }
        DataValidationResult validated = code == ExitCode.OK.code() || code == ExitCode.CHECK_FAILED.code() ? read(result) : null;
        if (validated == null || validated.passed() != (code == ExitCode.OK.code())) {
            throw new InfrastructureException(MlopsMessages.ValidateStep_SparkFailed.text(launcher, code, tail(log), log));
        }
        delete(dir);
        return validated;
    }

    /** The launcher's command line: one argument per element, never through a shell. */
    List<String> command(Path program, DataValidationRequest request, Path store) {
        List<String> command = new ArrayList<>(List.of(program.toString(), "validate", "data", request.data(),
                "--schema", request.schema()));
        if (request.reference() != null) {
            command.addAll(List.of("--reference", request.reference()));
        }
        if (request.serving() != null) {
            command.addAll(List.of("--serving", request.serving()));
        }
        command.addAll(List.of("--fail-on", request.failOn().name(), "--engine", "spark"));
        if (master != null) {
            command.addAll(List.of("--master", master));
        }
        // an empty store of its own: the CLI records into no run (the build's run is the controller's)
        command.addAll(List.of("--json", "--store", store.toString()));
        return command;
    }

    /** The launcher: an absolute path as configured, else the first executable of that name on the build's PATH. */
    Path program() {
        if (launcher.contains("/")) {
            Path path = Path.of(launcher);
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return path;
            }
            throw new InfrastructureException(MlopsMessages.ValidateStep_SparkLauncherMissing.text(launcher));
        }
        String path = environment.getOrDefault("PATH", System.getenv("PATH"));
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(launcher);
            if (!dir.isEmpty() && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new InfrastructureException(MlopsMessages.ValidateStep_SparkLauncherNotOnPath.text(launcher, path));
    }

    private int run(List<String> command, Path workspace, Path result, Path log) throws InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workspace.toFile())
                .redirectOutput(result.toFile()).redirectError(log.toFile());
        builder.environment().putAll(environment); // the agent's environment with the build's over it, as Jenkins's launcher does
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close(); // it reads nothing
        } catch (IOException e) {
            throw new InfrastructureException(MlopsMessages.ValidateStep_SparkFailed.text(launcher, -1, e.getMessage(), log), e);
        }
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            stop(process); // an aborted build leaves no Spark driver behind
            throw e;
        }
    }

    /** Ends the launcher and everything it started (its build, the Spark JVM): politely, then by force. */
    private static void stop(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        try {
            CompletableFuture.allOf(all.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException stillRunning) {
            // forced below
        }
        all.forEach(ProcessHandle::destroyForcibly);
    }

    private static Path freshDirectory(Path workspace) {
        try {
            return Files.createTempDirectory(workspace, ".mlops-spark-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataValidationResult read(Path result) {
        try {
            return Json.mapper().readValue(result.toFile(), DataValidationResult.class);
        } catch (IOException notAResult) {
            return null; // told with the log's tail
        }
    }

    /** The CLI's own message lines ("mlops: FILE: problem. Fix: ..."), else the log's tail. */
    static String cliMessage(Path log) {
        List<String> told = lines(log).stream().filter(l -> l.startsWith(CLI_PREFIX))
                .map(l -> l.substring(CLI_PREFIX.length())).toList();
        return told.isEmpty() ? tail(log) : String.join("\n", told);
    }

    private static String tail(Path log) {
        List<String> lines = lines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size()));
    }

    private static List<String> lines(Path log) {
        try {
            // bytes that are not UTF-8 (a crashed JVM's output) are replaced, not a reason to show nothing
            return Files.isRegularFile(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList() : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover scratch directory in the workspace does not change the result
        }
    }
}
