package io.jenkins.plugins.mlops.core.rollout;

import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Drives an nginx the user runs: writes the site file it owns (weighted {@code upstream},
 * {@code map}/{@code split_clients} for A/B, {@code mirror} for shadow), checks the whole
 * configuration with {@code nginx -t} (restoring the previous file if it fails), reloads, and waits
 * until {@code /_mlops/routing} answers the new configuration's revision (a hash of the site file,
 * so two routings that share a generation number, such as a step and the abort that undoes it,
 * are still told apart), so the change is live when {@link #apply} returns. nginx's graceful
 * reload lets requests in flight finish on old workers.
 *
 * <p>Every value written into the configuration was checked by {@link RolloutPlans#validate}
 * (addresses, header and cookie names, values), so a plan cannot inject configuration.
 */
public final class NginxRouter implements TrafficRouter {
    private final RolloutPlan plan;
    private final RolloutPlan.NginxSpec spec;
    private final Path siteFile;
    private final String prefix;
    private final NginxWorkers workers;

    public NginxRouter(RolloutPlan plan) {
        this.plan = plan;
        this.spec = plan.router().nginx();
        this.siteFile = Path.of(spec.siteFile());
        this.prefix = "mlops_" + plan.model().replaceAll("[^A-Za-z0-9_]", "_");
        this.workers = new NginxWorkers(spec.config());
    }

    /** Where stable's answers to the mirrored requests are logged (shadow only). */
    public Path stableShadowLog() {
        return siteFile.resolveSibling(prefix + "_shadow_stable.log");
    }

    /** Where the candidate's answers to the mirrored requests are logged (shadow only). */
    public Path candidateShadowLog() {
        return siteFile.resolveSibling(prefix + "_shadow_candidate.log");
    }

    @Override
    public void apply(Routing routing) {
        Site site = site(routing);
        String config = site.config();
        byte[] previous = readIfExists(siteFile);
        boolean changed = previous == null || !new String(previous, StandardCharsets.UTF_8).equals(config);
        String revision = site.revision();
        if (!changed && revision.equals(liveRevision())) {
            return; // already live: applying again is a no-op
        }
        if (changed) {
            AtomicFiles.writeString(siteFile, config);
            Result test = nginx("-t");
            if (test.exit != 0) {
                if (previous == null) {
                    deleteQuietly(siteFile);
                } else {
                    AtomicFiles.write(siteFile, previous);
                }
                throw new InfrastructureException("nginx -t rejected the routing '" + routing.describe()
                        + "' (previous configuration restored): " + test.output.strip());
            }
        }
        Set<Long> oldWorkers = workers.accepting();
        Result reload = nginx("-s", "reload");
        if (reload.exit != 0) {
            throw new InfrastructureException("nginx -s reload failed (is nginx running with " + spec.config()
                    + "?): " + reload.output.strip());
        }
        awaitRevision(revision, routing, oldWorkers);
    }

    @Override
    public String describe() {
        return "nginx " + spec.listen() + " via " + siteFile;
    }

    private static final String REVISION_PLACEHOLDER = "@REVISION@";

    /** A site file and its revision: the hash of the file with the revision left out. */
    private record Site(String config, String revision) {
    }

    private Site site(Routing routing) {
        String template = siteTemplate(routing);
        String revision = Hashing.shortHash(Hashing.sha256(template));
        return new Site(template.replace(REVISION_PLACEHOLDER, revision), revision);
    }

    /** The site file for {@code routing}, its revision filled in. */
    String siteConfig(Routing routing) {
        return site(routing).config();
    }

    /** The site file: one server block on {@code listen}, owned by this router. */
    private String siteTemplate(Routing routing) {
        String stable = prefix + "_stable";
        String canary = prefix + "_canary";
        StringBuilder c = new StringBuilder();
        c.append("# Written by mlops promote (").append(plan.model()).append(' ').append(plan.canary().version())
                .append(", generation ").append(routing.generation()).append("): ").append(routing.describe())
                .append(".\n# Do not edit: the next step of the rollout overwrites it.\n");
        c.append("log_format ").append(prefix).append("_shadow '$msec $request_id $status $upstream_http_x_model_predictions';\n");
        c.append("upstream ").append(stable).append(" { server ").append(plan.stable().address()).append("; }\n");
        c.append("upstream ").append(canary).append(" { server ").append(plan.canary().address()).append("; }\n");
        String target;
        int weight = routing.canaryWeight();
        if (routing.ab() != null) {
            target = "$" + prefix + "_ab";
            abMaps(c, routing.ab(), stable, canary, target);
        } else if (weight <= 0) {
            target = stable;
        } else if (weight >= 100) {
            target = canary;
        } else {
            target = prefix + "_weighted";
            // smooth weighted round robin: exactly `weight` of every 100 requests per worker
            c.append("upstream ").append(target).append(" {\n")
                    .append("    server ").append(plan.stable().address()).append(" weight=").append(100 - weight).append(";\n")
                    .append("    server ").append(plan.canary().address()).append(" weight=").append(weight).append(";\n")
                    .append("}\n");
        }
        c.append("server {\n    listen ").append(spec.listen()).append(";\n");
        c.append("    location = /_mlops/routing {\n        default_type application/json;\n")
                .append("        return 200 '{\"generation\":").append(routing.generation())
                .append(",\"canaryWeight\":").append(weight).append(",\"mirror\":").append(routing.mirror())
                .append(",\"revision\":\"").append(REVISION_PLACEHOLDER).append("\"}';\n    }\n");
        c.append("    location / {\n");
        c.append("        proxy_set_header X-Request-Id $request_id;\n");
        c.append("        proxy_http_version 1.1;\n        proxy_set_header Connection \"\";\n");
        c.append("        add_header X-Mlops-Generation ").append(routing.generation()).append(" always;\n");
        if (routing.mirror()) {
            c.append("        mirror /_mlops_mirror;\n        mirror_request_body on;\n");
            c.append("        access_log ").append(stableShadowLog()).append(' ').append(prefix).append("_shadow;\n");
        }
        c.append("        proxy_pass http://").append(target).append(";\n    }\n");
        if (routing.mirror()) {
            c.append("    location = /_mlops_mirror {\n        internal;\n        log_subrequest on;\n")
                    .append("        proxy_set_header X-Request-Id $request_id;\n")
                    .append("        proxy_pass http://").append(canary).append("$request_uri;\n")
                    .append("        access_log ").append(candidateShadowLog()).append(' ').append(prefix).append("_shadow;\n")
                    .append("    }\n");
        }
        c.append("}\n");
        return c.toString();
    }

    private void abMaps(StringBuilder c, RolloutPlan.AbTestSpec ab, String stable, String canary, String target) {
        // the rest: stable, or a sticky percentage of it to the candidate
        String rest = "$" + prefix + "_ab_rest";
        if (ab.percent() != null && ab.percent() > 0) {
            String key = ab.stickyHeader() != null ? "$http_" + headerVariable(ab.stickyHeader()) : "$remote_addr";
            c.append("split_clients \"").append(key).append("\" ").append(rest).append(" {\n    ")
                    .append(ab.percent()).append("% ").append(canary).append(";\n    * ").append(stable).append(";\n}\n");
        } else {
            rest = stable;
        }
        String byCookie = rest;
        if (ab.cookie() != null) {
            byCookie = "$" + prefix + "_ab_cookie";
            c.append("map $cookie_").append(ab.cookie()).append(' ').append(byCookie).append(" {\n    \"")
                    .append(ab.value()).append("\" ").append(canary).append(";\n    default ").append(rest).append(";\n}\n");
        }
        if (ab.header() != null) {
            c.append("map $http_").append(headerVariable(ab.header())).append(' ').append(target).append(" {\n    \"")
                    .append(ab.value()).append("\" ").append(canary).append(";\n    default ").append(byCookie).append(";\n}\n");
        } else {
            c.append("map $cookie_").append(ab.cookie()).append(' ').append(target).append(" {\n    default ")
                    .append(byCookie).append(";\n}\n");
        }
    }

    private static String headerVariable(String header) {
        return header.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    }

    @Override
    public Optional<ShadowComparison> shadowSince(Instant since) {
        Map<String, String[]> stable = readShadowLog(stableShadowLog(), since);
        Map<String, String[]> candidate = readShadowLog(candidateShadowLog(), since);
        long paired = 0;
        long disagreements = 0;
        long stableErrors = stable.values().stream().filter(e -> !e[0].startsWith("2")).count();
        long candidateErrors = candidate.values().stream().filter(e -> !e[0].startsWith("2")).count();
        for (Map.Entry<String, String[]> entry : candidate.entrySet()) {
            String[] s = stable.get(entry.getKey());
            String[] k = entry.getValue();
            if (s != null && s[0].startsWith("2") && k[0].startsWith("2") && !"-".equals(s[1]) && !"-".equals(k[1])) {
                paired++;
                if (!s[1].equals(k[1])) {
                    disagreements++;
                }
            }
        }
        return Optional.of(new ShadowComparison(stable.size(), candidate.size(), paired, disagreements,
                stableErrors, candidateErrors));
    }

    /** request id -> [status, predictions], for lines logged at or after {@code since}. */
    private static Map<String, String[]> readShadowLog(Path log, Instant since) {
        Map<String, String[]> entries = new HashMap<>();
        if (!Files.isRegularFile(log)) {
            return entries;
        }
        double sinceSeconds = since.toEpochMilli() / 1000.0;
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            lines.forEach(line -> {
                String[] f = line.split(" ");
                if (f.length == 4) {
                    try {
                        if (Double.parseDouble(f[0]) >= sinceSeconds) {
                            entries.put(f[1], new String[] {f[2], f[3]});
                        }
                    } catch (NumberFormatException ignored) {
                        // a line from another format; not ours
                    }
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new InfrastructureException("cannot read the shadow log " + log + ": " + e.getMessage(), e);
        }
        return entries;
    }

    /** The revision nginx serves now, or "" when it does not answer. */
    String liveRevision() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://" + spec.listen() + "/_mlops/routing")
                    .toURL().openConnection();
            connection.setRequestProperty("Connection", "close");
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(2000);
            try (InputStream in = connection.getInputStream()) {
                var node = io.jenkins.plugins.mlops.core.io.Json.mapper().readTree(in);
                return node.path("revision").asText("");
            } finally {
                connection.disconnect();
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private void awaitRevision(String revision, Routing routing, Set<Long> oldWorkers) {
        int timeout = spec.reloadTimeoutSeconds() == null ? 10 : spec.reloadTimeoutSeconds();
        long deadline = System.nanoTime() + Duration.ofSeconds(timeout).toNanos();
        String live = "";
        // several fresh connections in a row must see it, so no old worker still answers
        int confirmations = 0;
        while (System.nanoTime() < deadline) {
            live = liveRevision();
            confirmations = live.equals(revision) ? confirmations + 1 : 0;
            if (confirmations >= 3 && !workers.anyAccepting(oldWorkers)) {
                return;
            }
            sleep(20);
        }
        if (live.equals(revision)) {
            throw new InfrastructureException("nginx on " + spec.listen() + " serves " + routing.describe()
                    + ", but workers from before the reload " + oldWorkers + " still accept connections " + timeout
                    + " s later; look at its error log");
        }
        throw new InfrastructureException("nginx on " + spec.listen() + " still serves revision '" + live + "' "
                + timeout + " s after reload, not '" + revision + "' (" + routing.describe()
                + "); look at its error log");
    }

    private record Result(int exit, String output) {
    }

    private Result nginx(String... args) {
        List<String> command = new ArrayList<>();
        command.add(spec.binary() == null ? "nginx" : spec.binary());
        if (spec.prefix() != null) {
            command.add("-p");
            command.add(spec.prefix());
        }
        command.add("-c");
        command.add(spec.config());
        if (spec.errorLog() != null) {
            command.add("-e");
            command.add(spec.errorLog());
        }
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(124, "timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InfrastructureException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while running nginx", e);
        }
    }

    private static byte[] readIfExists(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new InfrastructureException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // nginx -t failed anyway; the error names the cause
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while waiting for nginx", e);
        }
    }
}
