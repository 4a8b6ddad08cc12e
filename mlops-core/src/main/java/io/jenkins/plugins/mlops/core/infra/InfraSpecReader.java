package io.jenkins.plugins.mlops.core.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an infra spec and its request-checks file strictly, and checks every value a user can get
 * wrong before anything is started: a bad spec never launches a server.
 */
public final class InfraSpecReader {
    public static final String DOC = "docs/infra-validation.md";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern INSIDE_PATH = Pattern.compile("/[A-Za-z0-9._/-]*");
    private static final int MAX_CHECKS = 10_000;

    private InfraSpecReader() {
    }

    public static InfraSpec read(Path file) {
        return read(file, null);
    }

    /**
     * Reads and checks a spec; one whose {@code sandbox.backend} is not written gets
     * {@code defaultBackend} (a front end's site-wide setting, e.g. Jenkins's global configuration)
     * when one is given, else {@code auto}.
     */
    public static InfraSpec read(Path file, String defaultBackend) {
        InfraSpec spec = Json.readSpec(file, InfraSpec.class, DOC);
        if (defaultBackend != null
                && Json.readSpec(file, JsonNode.class, DOC).path("sandbox").path("backend").isMissingNode()) {
            InfraSpec.SandboxSpec s = spec.sandbox();
            spec = spec.withSandbox(new InfraSpec.SandboxSpec(defaultBackend, s.memoryMb(), s.cpus(), s.pids()));
        }
        validate(spec, file);
        return spec;
    }

    private static BadInputException bad(Path file, String field, String problem, String fix) {
        return BadInputException.at(file, 0, "field '" + field + "': " + problem, fix);
    }

    static void validate(InfraSpec s, Path file) {
        boolean hasCommand = !s.command().isEmpty();
        boolean hasImage = s.image() != null && !s.image().isBlank();
        if (hasCommand == hasImage) {
            throw bad(file, hasCommand ? "image" : "command", hasCommand ? "give either a command or an image, not both"
                    : "neither a server command nor a container image is given",
                    "set command: [\"/usr/bin/python3\", \"/app/serve.py\", ...] or image: NAME (see " + DOC + ")");
        }
        for (int i = 0; i < s.command().size(); i++) {
            String arg = s.command().get(i);
            if (arg == null || arg.indexOf('\0') >= 0 || (i == 0 && arg.isBlank())) {
                throw bad(file, "command[" + i + "]", "empty or contains a NUL character", "give the program and its arguments");
            }
        }
        if (s.port() < 1 || s.port() > 65535) {
            throw bad(file, "port", s.port() + " is not a TCP port", "use 1..65535");
        }
        for (Map.Entry<String, String> e : s.env().entrySet()) {
            if (!ENV_NAME.matcher(e.getKey()).matches() || e.getValue() == null || e.getValue().indexOf('\0') >= 0) {
                throw bad(file, "env." + e.getKey(), "not a valid environment variable", "use NAME: value with NAME of letters, digits, _");
            }
        }
        for (int i = 0; i < s.mounts().size(); i++) {
            InfraSpec.Mount m = s.mounts().get(i);
            if (m == null || m.source() == null || m.target() == null) {
                throw bad(file, "mounts[" + i + "]", "needs source and target", "e.g. {source: examples/app, target: /app}");
            }
            // a container has its own root, so a slim image may take its runtime from a mounted /usr
            boolean containerUsr = hasImage && m.target().replaceAll("/+$", "").equals("/usr");
            if (!INSIDE_PATH.matcher(m.target()).matches() || m.target().contains("..")
                    || (reserved(m.target()) && !containerUsr)) {
                throw bad(file, "mounts[" + i + "].target", "'" + m.target() + "' is not allowed",
                        "use an absolute path of its own such as /app (not /, /usr, /proc, /dev, /tmp, /model, /run/sock)");
            }
        }
        InfraSpec.SandboxSpec sb = s.sandbox();
        if (!Backends.NAMES.contains(sb.backend())) {
            throw bad(file, "sandbox.backend", "unknown backend '" + sb.backend() + "'", "use one of " + Backends.NAMES);
        }
        if (sb.memoryMb() < 16 || sb.memoryMb() > 1_048_576) {
            throw bad(file, "sandbox.memoryMb", sb.memoryMb() + " MiB is out of range", "use 16..1048576");
        }
        if (!(sb.cpus() >= 0.01 && sb.cpus() <= 1024)) {
            throw bad(file, "sandbox.cpus", sb.cpus() + " is out of range", "use 0.01..1024 (cores)");
        }
        if (sb.pids() < 8 || sb.pids() > 1_000_000) {
            throw bad(file, "sandbox.pids", sb.pids() + " is out of range", "use 8..1000000");
        }
        InfraSpec.Readiness r = s.readiness();
        if (!r.path().startsWith("/") || r.path().chars().anyMatch(c -> c <= ' ' || c >= 127)) {
            throw bad(file, "readiness.path", "'" + r.path() + "' is not an HTTP path", "e.g. /healthz");
        }
        if (!(r.maxLoadSeconds() > 0 && r.maxLoadSeconds() <= 86_400)) {
            throw bad(file, "readiness.maxLoadSeconds", "must be in (0, 86400]", "e.g. 300");
        }
        if (r.pollIntervalMs() < 10 || r.pollIntervalMs() > 600_000) {
            throw bad(file, "readiness.pollIntervalMs", "must be in 10..600000", "e.g. 1000");
        }
        if (r.tries() < 1 || r.tries() > 20) {
            throw bad(file, "readiness.tries", "must be in 1..20", "e.g. 1");
        }
        if (s.checks() != null) {
            if (s.checks().file() == null || s.checks().file().isBlank()) {
                throw bad(file, "checks.file", "missing", "name a JSONL file of requests (see " + DOC + ")");
            }
            if (!(s.checks().timeoutSeconds() > 0 && s.checks().timeoutSeconds() <= 3600)) {
                throw bad(file, "checks.timeoutSeconds", "must be in (0, 3600]", "e.g. 10");
            }
        }
        InfraSpec.LoadTest l = s.load();
        if (l != null) {
            if ((l.requests() == null) == (l.durationSeconds() == null)) {
                throw bad(file, "load", "give exactly one of requests and durationSeconds", "e.g. requests: 2000");
            }
            if (l.requests() != null && (l.requests() < 1 || l.requests() > 100_000_000L)) {
                throw bad(file, "load.requests", "must be in 1..100000000", "e.g. 2000");
            }
            if (l.durationSeconds() != null && !(l.durationSeconds() > 0 && l.durationSeconds() <= 3600)) {
                throw bad(file, "load.durationSeconds", "must be in (0, 3600]", "e.g. 10");
            }
            if (l.concurrency() < 1 || l.concurrency() > 1024) {
                throw bad(file, "load.concurrency", "must be in 1..1024", "e.g. 4");
            }
            if (l.ratePerSecond() != null && !(l.ratePerSecond() > 0 && l.ratePerSecond() <= 10_000_000)) {
                throw bad(file, "load.ratePerSecond", "must be positive", "e.g. 200, or leave it out for a closed loop");
            }
            if (l.warmupRequests() < 0) {
                throw bad(file, "load.warmupRequests", "must not be negative", "e.g. 100");
            }
            if (!(l.timeoutSeconds() > 0 && l.timeoutSeconds() <= 3600)) {
                throw bad(file, "load.timeoutSeconds", "must be in (0, 3600]", "e.g. 10");
            }
            if (l.request() == null) {
                throw bad(file, "load.request", "missing", "give the request to send, e.g. {method: POST, path: /predict, body: {...}}");
            }
            if (!l.request().path().startsWith("/")) {
                throw bad(file, "load.request.path", "'" + l.request().path() + "' is not an HTTP path", "e.g. /predict");
            }
            if (l.request().body() != null && l.request().bodyFile() != null) {
                throw bad(file, "load.request", "give body or bodyFile, not both", "keep one");
            }
            if (!l.request().method().matches("[A-Z]{1,16}")) {
                throw bad(file, "load.request.method", "'" + l.request().method() + "' is not an HTTP method", "e.g. POST");
            }
            InfraSpec.Budget b = l.budget();
            for (Map.Entry<String, Double> e : Map.of("p50Ms", nz(b.p50Ms()), "p95Ms", nz(b.p95Ms()), "p99Ms", nz(b.p99Ms())).entrySet()) {
                if (!(e.getValue() >= 0)) {
                    throw bad(file, "load.budget." + e.getKey(), "must be a positive number of milliseconds", "e.g. 50");
                }
            }
            if (b.maxErrorRate() != null && !(b.maxErrorRate() >= 0 && b.maxErrorRate() <= 1)) {
                throw bad(file, "load.budget.maxErrorRate", b.maxErrorRate() + " is not a fraction", "use 0..1, e.g. 0.01");
            }
        }
    }

    private static double nz(Double d) {
        return d == null ? 0 : d;
    }

    private static boolean reserved(String target) {
        String t = target.endsWith("/") && target.length() > 1 ? target.substring(0, target.length() - 1) : target;
        if (t.equals("/") || t.equals("/run")) {
            return true;
        }
        for (String r : List.of("/usr", "/bin", "/lib", "/lib64", "/sbin", "/etc", "/proc", "/dev", "/tmp", "/model", "/run/sock")) {
            if (t.equals(r) || t.startsWith(r + "/")) {
                return true;
            }
        }
        return false;
    }

    /** Reads the request-checks JSONL file: one object a line, blank lines and lines starting with # skipped. */
    public static List<RequestCheck> readChecks(Path file) {
        ObjectReader reader = Json.mapper().readerFor(CheckLine.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        List<RequestCheck> checks = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                if (checks.size() >= MAX_CHECKS) {
                    throw BadInputException.at(file, number, "more than " + MAX_CHECKS + " checks", "split the file or keep the essential requests");
                }
                CheckLine c;
                try {
                    c = reader.readValue(trimmed);
                } catch (JsonProcessingException e) {
                    throw BadInputException.at(file, number, e.getOriginalMessage(), "write one JSON object per line as described in " + DOC);
                }
                if (c == null) {
                    throw BadInputException.at(file, number, "not a JSON object", "write one JSON object per line");
                }
                String path = c.path == null ? "/predict" : c.path;
                if (!path.startsWith("/") || path.chars().anyMatch(ch -> ch <= ' ' || ch >= 127)) {
                    throw BadInputException.at(file, number, "field 'path': '" + path + "' is not an HTTP path", "e.g. /predict");
                }
                String method = c.method == null ? (c.body == null ? "GET" : "POST") : c.method;
                if (!method.matches("[A-Z]{1,16}")) {
                    throw BadInputException.at(file, number, "field 'method': '" + method + "' is not an HTTP method", "e.g. POST");
                }
                Map<String, RequestCheck.Expectation> expect = c.expect == null ? Map.of() : c.expect;
                for (Map.Entry<String, RequestCheck.Expectation> e : expect.entrySet()) {
                    if (!e.getKey().isEmpty() && !e.getKey().startsWith("/")) {
                        throw BadInputException.at(file, number, "field 'expect': '" + e.getKey() + "' is not a JSON Pointer",
                                "write it like /predictions/0");
                    }
                    if (e.getValue() == null) {
                        throw BadInputException.at(file, number, "field 'expect." + e.getKey() + "' is empty", "give equals, min, max, present or length");
                    }
                }
                int status = c.expectStatus == null ? 200 : c.expectStatus;
                if (status < 100 || status > 599) {
                    throw BadInputException.at(file, number, "field 'expectStatus': " + status + " is not an HTTP status", "e.g. 200");
                }
                String name = c.name == null || c.name.isBlank() ? "line " + number : c.name;
                checks.add(new RequestCheck(name, method, path, c.body, status, expect, number));
            }
        } catch (CharacterCodingException e) {
            throw BadInputException.at(file, 0, "not UTF-8 text", "save the file as UTF-8");
        } catch (java.nio.file.NoSuchFileException e) {
            throw BadInputException.at(file, 0, "file not found", "check checks.file in the spec");
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the path and permissions");
        }
        if (checks.isEmpty()) {
            throw BadInputException.at(file, 0, "no request checks in the file", "write one JSON request per line as described in " + DOC);
        }
        return checks;
    }

    /** One line as written (the line number is added by the reader). */
    record CheckLine(String name, String method, String path, JsonNode body, Integer expectStatus,
                             Map<String, RequestCheck.Expectation> expect) {
    }
}
