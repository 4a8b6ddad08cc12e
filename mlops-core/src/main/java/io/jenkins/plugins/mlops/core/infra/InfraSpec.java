package io.jenkins.plugins.mlops.core.infra;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What to validate and how (docs/infra-validation.md, docs/schemas/infra-spec.schema.json). Read
 * strictly from YAML or JSON by {@link InfraSpecReader}; missing optional parts get the defaults
 * below (TFX InfraValidator's where it has one: 300 s load time, 1 s polling).
 *
 * @param command    the server command, argument by argument (no shell); {@code ${PORT}} and
 *                   {@code ${MODEL_DIR}} are replaced. Exactly one of command and image.
 * @param image      a container image already present on the agent (docker/podman backends)
 * @param modelDir   the model directory, relative to the workspace; mounted read-only at /model
 * @param mounts     further read-only directories (e.g. the server's code), relative to the workspace
 * @param env        environment of the server (nothing else from the agent leaks in)
 * @param port       the port the server listens on inside the sandbox
 */
public record InfraSpec(List<String> command, String image, String modelDir, List<Mount> mounts,
                        Map<String, String> env, Integer port, SandboxSpec sandbox, Readiness readiness,
                        RequestChecks checks, LoadTest load) implements Serializable {

    public static final int DEFAULT_PORT = 8501;

    @JsonCreator
    public InfraSpec(@JsonProperty("command") List<String> command, @JsonProperty("image") String image,
                     @JsonProperty("modelDir") String modelDir, @JsonProperty("mounts") List<Mount> mounts,
                     @JsonProperty("env") Map<String, String> env, @JsonProperty("port") Integer port,
                     @JsonProperty("sandbox") SandboxSpec sandbox, @JsonProperty("readiness") Readiness readiness,
                     @JsonProperty("checks") RequestChecks checks, @JsonProperty("load") LoadTest load) {
        this.command = command == null ? List.of() : List.copyOf(command);
        this.image = image;
        this.modelDir = modelDir;
        this.mounts = mounts == null ? List.of() : List.copyOf(mounts);
        this.env = env == null ? Map.of() : Map.copyOf(env);
        this.port = port == null ? DEFAULT_PORT : port;
        this.sandbox = sandbox == null ? new SandboxSpec(null, null, null, null) : sandbox;
        this.readiness = readiness == null ? new Readiness(null, null, null, null) : readiness;
        this.checks = checks;
        this.load = load;
    }

    /** This spec with another sandbox. */
    public InfraSpec withSandbox(SandboxSpec other) {
        return new InfraSpec(command, image, modelDir, mounts, env, port, other, readiness, checks, load);
    }

    /** A host directory made visible read-only inside the sandbox. */
    public record Mount(String source, String target) implements Serializable {
    }

    /**
     * @param backend  auto, bubblewrap, podman, docker or none (a plain process: NOT isolated)
     * @param memoryMb memory limit (RAM + swap) in MiB
     * @param cpus     CPU limit in cores (cgroup CFS quota)
     * @param pids     maximum number of processes/threads
     */
    public record SandboxSpec(String backend, Integer memoryMb, Double cpus, Integer pids) implements Serializable {
        public SandboxSpec {
            backend = backend == null ? "auto" : backend;
            memoryMb = memoryMb == null ? 512 : memoryMb;
            cpus = cpus == null ? 1.0 : cpus;
            pids = pids == null ? 256 : pids;
        }
    }

    /**
     * @param path            HTTP path that answers 2xx once the model is loaded
     * @param maxLoadSeconds  give up (not ready) after this long
     * @param pollIntervalMs  time between probes
     * @param tries           server launches before the verdict is "not ready" (each with the full load time)
     */
    public record Readiness(String path, Double maxLoadSeconds, Integer pollIntervalMs, Integer tries)
            implements Serializable {
        public Readiness {
            path = path == null ? "/healthz" : path;
            maxLoadSeconds = maxLoadSeconds == null ? 300.0 : maxLoadSeconds;
            pollIntervalMs = pollIntervalMs == null ? 1000 : pollIntervalMs;
            tries = tries == null ? 1 : tries;
        }
    }

    /**
     * @param file           JSONL file of requests with expectations (one {@link RequestCheck} a line)
     * @param timeoutSeconds time allowed for each answer
     */
    public record RequestChecks(String file, Double timeoutSeconds) implements Serializable {
        public RequestChecks {
            timeoutSeconds = timeoutSeconds == null ? 10.0 : timeoutSeconds;
        }
    }

    /**
     * A load test: {@code requests} in total or for {@code durationSeconds}, from {@code concurrency}
     * keep-alive connections; closed loop unless {@code ratePerSecond} sets a constant arrival rate
     * (latency then counts from each request's intended start: coordinated omission corrected).
     */
    public record LoadTest(Request request, Long requests, Double durationSeconds, Integer concurrency,
                           Double ratePerSecond, Integer warmupRequests, Double timeoutSeconds, Budget budget)
            implements Serializable {
        public LoadTest {
            concurrency = concurrency == null ? 4 : concurrency;
            warmupRequests = warmupRequests == null ? 0 : warmupRequests;
            timeoutSeconds = timeoutSeconds == null ? 10.0 : timeoutSeconds;
            budget = budget == null ? new Budget(null, null, null, null) : budget;
        }
    }

    /** The request the load test sends; body inline (any JSON) or from a file in the workspace. */
    public record Request(String method, String path, com.fasterxml.jackson.databind.JsonNode body, String bodyFile,
                          String contentType) implements Serializable {
        public Request {
            method = method == null ? (body == null && bodyFile == null ? "GET" : "POST") : method;
            path = path == null ? "/" : path;
            contentType = contentType == null ? "application/json" : contentType;
        }
    }

    /** Latency budgets in milliseconds and the largest acceptable error rate (0..1); null = no budget. */
    public record Budget(Double p50Ms, Double p95Ms, Double p99Ms, Double maxErrorRate) implements Serializable {
    }
}
