package io.jenkins.plugins.mlops.cli.infra;

import io.jenkins.plugins.mlops.cli.JsonOption;
import io.jenkins.plugins.mlops.cli.RunOption;
import io.jenkins.plugins.mlops.cli.StageRecorder;
import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.infra.Check;
import io.jenkins.plugins.mlops.core.infra.InfraValidationRequest;
import io.jenkins.plugins.mlops.core.infra.InfraValidationResult;
import io.jenkins.plugins.mlops.core.infra.InfraValidator;
import io.jenkins.plugins.mlops.core.infra.LoadTestResult;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mlops infra-validate}: starts the model server in a sandbox, checks and load-tests it,
 * tears it down, prints the verdict and records it in a run (docs/infra-validation.md).
 */
@Command(name = "infra-validate", mixinStandardHelpOptions = true,
        description = {"Start the model server in a sandbox (bubblewrap, podman, docker; or a plain process if the spec"
                + " says backend: none), prove it loads, answers the request checks and meets its latency budget,"
                + " then tear it down.", "Exit 0 INFRA_BLESSED, 1 INFRA_NOT_BLESSED, 2 bad spec, 3 sandbox unavailable."})
public final class InfraValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StoreOption store;

    @Option(names = "--spec", required = true, paramLabel = "FILE",
            description = "Infra spec (YAML or JSON), relative to the workspace unless absolute.")
    String specFile;

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model directory (overrides the spec's modelDir), relative to the workspace unless absolute.")
    String model;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR",
            description = "Directory that --spec, --model and the spec's paths are relative to (default: current).")
    Path workspace;

    @Mixin
    RunOption run;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path cwd = (workspace == null ? Path.of("") : workspace).toAbsolutePath();
        // relative paths are resolved (and kept) inside the workspace by core, as in the Jenkins step
        InfraValidationRequest request = new InfraValidationRequest(specFile, model, cwd.toString());
        RunStore runs = store.open();
        StageRecorder target = StageRecorder.target(runs, run.id());
        InfraValidationResult result = new InfraValidator().validate(request);
        // what runs killed earlier (SIGKILL) left behind, and this run removed
        result.serverLog().lines().filter(line -> line.startsWith(InfraValidator.RECLAIMED + "reclaimed")).forEach(err::println);
        target.record(result, Instant.now());
        if (json.requested()) {
            out.println(Json.pretty(result));
        } else {
            print(out, result);
        }
        if (target.run().isPresent()) {
            err.println("recorded as stage infraValidation of run " + target.run().get());
        } else {
            err.println("no run in " + runs.root() + ": the result is not recorded (start one with 'mlops track')");
        }
        out.flush();
        err.flush();
        return result.blessed() ? ExitCode.OK.code() : ExitCode.CHECK_FAILED.code();
    }

    static void print(PrintWriter out, InfraValidationResult r) {
        out.println(r.verdict());
        if (!r.isolated()) {
            out.println("!!! NOT ISOLATED: backend 'none' ran the server as a plain process on the host's network !!!");
        }
        if (r.failureReason() != null) {
            out.println("reason:    " + r.failureReason());
        }
        out.println("sandbox:   " + r.backend() + (r.isolated() ? " (isolated)" : " (NOT ISOLATED)") + " — " + r.backendReason());
        out.println("limits:    memory " + r.memoryLimitMb() + " MiB, cpus " + r.cpuLimit() + ", network " + r.network());
        out.println("load time: " + (r.loadTimeSeconds() == null ? "never ready" : String.format("%.2f s", r.loadTimeSeconds())));
        for (Check c : r.checks()) {
            String mark = c.skipped() ? "SKIP" : c.passed() ? "PASS" : "FAIL";
            out.println("  " + mark + "  " + c.kind() + ": " + c.name()
                    + (c.measured() == null ? "" : " — measured " + c.measured())
                    + (c.expected() == null ? "" : ", expected " + c.expected())
                    + (c.message() != null && !c.passed() ? "\n        " + c.message() : ""));
        }
        LoadTestResult l = r.load();
        if (l != null) {
            out.printf("load test: %d requests, %d connections, %.0f req/s, errors %d (%.2f%%)%n", l.requests(),
                    l.concurrency(), l.requestsPerSecond(), l.errors(), 100 * l.errorRate());
            out.printf("latency:   p50 %.3f ms, p90 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms (%s)%n", l.p50Ms(),
                    l.p90Ms(), l.p95Ms(), l.p99Ms(), l.maxMs(), l.mode());
        }
        out.println("teardown:  " + (r.teardown().clean() ? "clean" : "LEFT BEHIND " + r.teardown().leftovers()));
        if (!r.blessed() && !r.serverLogTail().isEmpty()) {
            out.println("server log (last lines):");
            r.serverLogTail().forEach(line -> out.println("  | " + line));
        }
    }
}
