package io.jenkins.plugins.mlops.jenkinstests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Jenkins over HTTP as one user (basic authentication with an API token, or a password): GET and
 * POST with the CSRF crumb when the user needs one, the script console, jobs and builds.
 * Requests authenticated by an API token need no crumb; those by a password do, and get it here.
 */
public final class JenkinsClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(Long.getLong("mlops.build.timeout.minutes", 20));
    /** An uncaught exception in a script console answer: its class name opens a line. */
    private static final Pattern SCRIPT_FAILURE = Pattern.compile("(?m)^([a-zA-Z_$][\\w$]*\\.)+[\\w$]*(Exception|Error)(: .*)?$");

    private final String url;
    private final String user;
    private final String authorization;
    // cookies kept: a crumb is bound to the session that asked for it (a password client's POSTs need both)
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).cookieHandler(new java.net.CookieManager()).build();
    private Map.Entry<String, String> crumb;

    JenkinsClient(String url, String user, String secret) {
        this.url = url.endsWith("/") ? url : url + "/";
        this.user = user;
        this.authorization = secret == null ? null : "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The same Jenkins as an anonymous visitor (no credentials sent). */
    public JenkinsClient anonymous() {
        return new JenkinsClient(url, "anonymous", null);
    }

    /** The same Jenkins as another user (a password works too: then every POST carries a crumb). */
    public JenkinsClient as(String otherUser, String secret) {
        return new JenkinsClient(url, otherUser, secret);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public record Response(int status, String body, HttpResponse<String> raw) {
        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON (HTTP " + status + "): " + abbreviate(body), e);
            }
        }

        public Response expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("HTTP " + status + " for " + raw.request().method() + " "
                        + raw.request().uri() + ", expected " + expected + ": " + abbreviate(body));
            }
            return this;
        }
    }

    /** GET {@code path} (relative to the Jenkins URL, or absolute). */
    public Response get(String path) {
        return send(request(path).GET().build());
    }

    public JsonNode getJson(String path) {
        return get(path).expect(200).json();
    }

    public Response post(String path, String contentType, String body) {
        HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        Map.Entry<String, String> c = crumb();
        if (c != null) {
            builder.header(c.getKey(), c.getValue());
        }
        return send(builder.build());
    }

    public Response postForm(String path, Map<String, String> form) {
        return post(path, "application/x-www-form-urlencoded", form(form));
    }

    /**
     * Runs Groovy in the script console ({@code POST /scriptText}) and returns what it printed;
     * throws when the script threw (the console answers 200 with the stack trace).
     */
    public String script(String groovy) {
        String out = postForm("scriptText", Map.of("script", groovy)).expect(200).body();
        Matcher failure = SCRIPT_FAILURE.matcher(out);
        if (failure.find()) {
            throw new IllegalStateException("the script console script failed: " + abbreviate(out) + "\nscript:\n" + groovy);
        }
        return out;
    }

    /** Creates the job {@code name} from its config.xml, or replaces the config of the one there. */
    public void createOrUpdateJob(String name, String configXml) {
        String job = "job/" + encodePath(name);
        if (get(job + "/api/json").status() == 200) {
            post(job + "/config.xml", "application/xml", configXml).expect(200);
        } else {
            post("createItem?name=" + encode(name), "application/xml", configXml).expect(200);
        }
    }

    /** A Pipeline job with an inline script (run in the Groovy sandbox, as a job author's would). */
    public void createPipelineJob(String name, String script) {
        createOrUpdateJob(name, JobXml.inlinePipeline(script));
    }

    /** Triggers {@code job} (with parameters when given), waits for it to finish and returns it. */
    public Build build(String job, Map<String, String> parameters) {
        QueueItem item = trigger(job, parameters);
        return awaitFinished(job, item.awaitBuildNumber(this));
    }

    public Build build(String job) {
        return build(job, Map.of());
    }

    /** Triggers {@code job} and returns its queue item (for tests that act while it runs). */
    public QueueItem trigger(String job, Map<String, String> parameters) {
        String base = "job/" + encodePath(job);
        Response r = parameters.isEmpty()
                ? post(base + "/build?delay=0sec", null, "")
                : postForm(base + "/buildWithParameters?delay=0sec", parameters);
        if (r.status() != 201 && r.status() != 200) {
            r.expect(201);
        }
        String location = r.header("Location");
        if (location == null) {
            throw new IllegalStateException("Jenkins queued " + job + " but gave no queue item location");
        }
        return new QueueItem(job, location);
    }

    /** Waits until build {@code number} of {@code job} is finished. */
    public Build awaitFinished(String job, int number) {
        String path = "job/" + encodePath(job) + "/" + number + "/";
        long deadline = System.nanoTime() + BUILD_TIMEOUT.toNanos();
        JsonNode state = getJson(path + "api/json?tree=building,result,duration");
        while (state.path("building").asBoolean(true) || state.path("result").isNull()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(job + " #" + number + " still running after " + BUILD_TIMEOUT.toMinutes()
                        + " min; console so far:\n" + get(path + "consoleText").body());
            }
            RealJenkins.sleep(500);
            state = getJson(path + "api/json?tree=building,result,duration");
        }
        String console = get(path + "consoleText").expect(200).body();
        return new Build(job, number, state.path("result").asText(), console, state.path("duration").asLong());
    }

    /** Jenkins's version, from the X-Jenkins header. */
    public String version() {
        return get("api/json").expect(200).header("X-Jenkins");
    }

    /** Waits until the REST API answers this user with 200 (Jenkins may say 503 while it finishes starting). */
    void awaitApi() {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Response r = get("api/json");
        while (r.status() != 200) {
            if (System.nanoTime() > deadline) {
                r.expect(200);
            }
            RealJenkins.sleep(500);
            r = get("api/json");
        }
    }

    /** Downloads {@code path} to {@code target}. */
    public void download(String path, Path target) {
        try {
            HttpResponse<Path> r = http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofFile(target));
            if (r.statusCode() != 200) {
                throw new IllegalStateException("HTTP " + r.statusCode() + " downloading " + path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private synchronized Map.Entry<String, String> crumb() {
        if (crumb == null) {
            Response r = get("crumbIssuer/api/json");
            if (r.status() != 200) {
                return null; // no crumb issuer
            }
            JsonNode json = r.json();
            crumb = Map.entry(json.path("crumbRequestField").asText(), json.path("crumb").asText());
        }
        return crumb;
    }

    private HttpRequest.Builder request(String path) {
        URI uri = URI.create(path.startsWith("http") ? path : url + path);
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private Response send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A job name as one URL path segment. */
    static String encodePath(String name) {
        return encode(name).replace("+", "%20");
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 3000 ? s.substring(0, 3000) + " ..." : s;
    }
}
