package io.jenkins.plugins.mlops.cli.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.CliRun;
import io.jenkins.plugins.mlops.cli.testing.UiProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlops ui} over HTTP: loopback, read-only, security headers on every answer, escaped errors. */
public class UiServerTest {
    @ClassRule
    public static TemporaryFolder tmp = new TemporaryFolder();
    static UiProcess ui;
    static List<String> ids;
    static UiFixture.Registry registry;
    static Path registryDir;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeClass
    public static void start() throws Exception {
        Path ws = tmp.newFolder("ws").toPath();
        ids = UiFixture.threeRuns(ws);
        registry = UiFixture.registryAndRollout(ws, ids, "");
        registryDir = ws.resolve(".mlops/registry");
        ui = new UiProcess("--store", ws.resolve(".mlops").toString(), "--registry", registryDir.toString());
    }

    /** The registry and rollout pages, every one of them. */
    static List<String> registryPages() {
        String v0 = registry.churnVersions().get(0);
        String v1 = registry.churnVersions().get(1);
        return List.of("registry", "registry/model?name=churn-classifier", "registry/model?name=fraud-detector",
                "registry/version?model=churn-classifier&version=" + v1, "registry/version?model=fraud-detector&version=1.0.0",
                "registry/diff?model=churn-classifier&a=" + v0 + "&b=" + v1, "rollout?run=" + registry.rolloutRun());
    }

    /** Every file of the registry with its size and modification time, to show nothing was written. */
    static java.util.Map<String, String> snapshot(Path dir) throws Exception {
        try (var files = java.nio.file.Files.walk(dir)) {
            java.util.Map<String, String> out = new java.util.TreeMap<>();
            for (Path p : files.toList()) {
                out.put(dir.relativize(p).toString(), java.nio.file.Files.isDirectory(p) ? "dir"
                        : java.nio.file.Files.size(p) + "@" + java.nio.file.Files.getLastModifiedTime(p).toMillis());
            }
            return out;
        }
    }

    @AfterClass
    public static void stop() throws Exception {
        ui.close();
        assertThat(ui.exitCode()).as("Ctrl-C stops it cleanly").isZero();
    }

    static HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ui.url() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A request Java's URI class would refuse to build, sent as raw bytes. */
    static String rawStatusLine(String target) throws Exception {
        URI base = URI.create(ui.url());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    static String statusLineWithHost(String host) throws Exception {
        URI base = URI.create(ui.url());
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET /compare HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    public void onlyHostHeadersNamingTheBoundAddressAreAnswered() throws Exception {
        int port = URI.create(ui.url()).getPort();
        for (String good : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST:" + port, "localhost")) {
            assertThat(statusLineWithHost(good)).as(good).isEqualTo("HTTP/1.1 200 OK");
        }
        for (String bad : List.of("evil.example:" + port, "evil.example", "localhost:" + (port + 1), "127.0.0.1.evil.example:" + port,
                "localhost.evil.example", "10.0.0.1:" + port)) {
            assertThat(statusLineWithHost(bad)).as(bad).startsWith("HTTP/1.1 421");
        }
    }

    @Test
    public void printsItsLoopbackUrl() {
        assertThat(ui.out()).startsWith("mlops ui: serving ").contains(" at http://127.0.0.1:").contains("read-only")
                .contains("registry: " + registryDir.toAbsolutePath().normalize());
    }

    @Test
    public void everyPageAndStaticFileCarriesTheStrictCspAndNosniff() throws Exception {
        for (String path : List.of("", "compare", "compare?experiment=churn", "run?id=" + ids.get(0),
                "diff?a=" + ids.get(0) + "&b=" + ids.get(1), "static/mlops.css", "static/mlops.js", "nope")) {
            HttpResponse<String> r = send("GET", path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue(UiServer.CSP);
            assertThat(UiServer.CSP).startsWith("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        }
        assertThat(send("GET", "static/mlops.js").headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(send("GET", "static/mlops.css").body()).contains(".mlops-table");
        assertThat(send("GET", "").body()).doesNotContain("<style").doesNotContain("style=\"")
                .contains("<script src=\"/static/mlops.js\" defer></script>");
    }

    @Test
    public void onlyGetAndHeadAreAllowed() throws Exception {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            HttpResponse<String> r = send(method, "");
            assertThat(r.statusCode()).as(method).isEqualTo(405);
            assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
        }
        HttpResponse<String> head = send("HEAD", "compare");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    public void runIdsGoThroughTheStoreAndBadOnesAre404Or400() throws Exception {
        assertThat(send("GET", "run?id=" + ids.get(0)).statusCode()).isEqualTo(200);
        assertThat(send("GET", "run?id=" + ids.get(0).substring(0, 22)).statusCode()).as("unique prefix").isEqualTo(200);
        for (String bad : List.of("..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "nope", "2026", ".mlops")) {
            HttpResponse<String> r = send("GET", "run?id=" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(404);
            assertThat(r.body()).doesNotContain("root:");
        }
        assertThat(send("GET", "run").statusCode()).isEqualTo(400);
        assertThat(rawStatusLine("/run?id=%zz")).as("malformed escape").isEqualTo("HTTP/1.1 400 Bad Request");
        assertThat(send("GET", "diff?a=" + ids.get(0)).statusCode()).isEqualTo(400);
        assertThat(send("GET", "compare?experiment=missing").statusCode()).isEqualTo(404);
        HttpResponse<String> r = send("GET", "run?id=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertThat(r.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(send("GET", "..%2F..%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
    }

    @Test
    public void theComparisonShowsTheAskedPrimaryMetricFirstAndAnUnknownOneIsA400NamingTheChoices() throws Exception {
        HttpResponse<String> page = send("GET", "compare?experiment=churn&primary=loss");
        assertThat(page.statusCode()).isEqualTo(200);
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(page.body());
        assertThat(doc.select("#mlops-compare-table thead tr:last-child th").get(6).attr("data-key")).isEqualTo("loss");
        assertThat(doc.select(".mlops-primary-note").attr("data-reason")).isEqualTo("chosen");
        HttpResponse<String> bad = send("GET", "compare?primary=nope");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(org.jsoup.Jsoup.parse(bad.body()).text()).contains("no compared run has a metric 'nope'").contains("valid_auc");
    }

    @Test
    public void theComparisonTakesAnMlflowStyleFilterAndABadOneIsA400NamingWhereItWentWrong() throws Exception {
        HttpResponse<String> red = send("GET", "compare?filter=" + java.net.URLEncoder.encode(
                "tags.team = 'red' and metrics.valid_auc > 0.72", java.nio.charset.StandardCharsets.UTF_8));
        assertThat(red.statusCode()).isEqualTo(200);
        org.jsoup.nodes.Document doc = org.jsoup.Jsoup.parse(red.body());
        assertThat(doc.select("#mlops-compare-table tbody").text())
                .contains("strong").doesNotContain("baseline").doesNotContain("wider"); // baseline's AUC ends at 0.70
        assertThat(doc.title()).contains("where tags.team = 'red'");
        assertThat(doc.select("form.mlops-search input[name=filter]").attr("value"))
                .isEqualTo("tags.team = 'red' and metrics.valid_auc > 0.72"); // the search box shows what was asked

        HttpResponse<String> none = send("GET", "compare?filter=metrics.valid_auc%20%3E%200.99");
        assertThat(none.statusCode()).isEqualTo(200);
        assertThat(none.body()).contains("No run matches metrics.valid_auc &gt; 0.99.");

        HttpResponse<String> bad = send("GET", "compare?filter=metrics.valid_auc%20%3E%20%3Cscript%3E");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("at character 21: expected a number").doesNotContain("<script>");
        HttpResponse<String> typed = send("GET", "compare?experiment=churn&filter=tags.team%20%3D%20%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E%22");
        assertThat(typed.statusCode()).isEqualTo(200);
        org.jsoup.nodes.Document typedDoc = org.jsoup.Jsoup.parse(typed.body());
        assertThat(typedDoc.select("script").eachAttr("src")).doesNotContain("").allMatch(src -> src.startsWith("/static"));
        assertThat(typedDoc.select("form.mlops-search input[name=experiment]").attr("value")).isEqualTo("churn");
    }

    @Test
    public void badOptionsAreBadInput() throws Exception {
        CliRun port = CliRun.of("ui", "--port", "70000", "--store", tmp.getRoot().toString());
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.err()).contains("--port").contains("0..65535");
        CliRun store = CliRun.of("ui", "--store", tmp.getRoot().toPath().resolve("absent").toString());
        assertThat(store.exitCode()).isEqualTo(2);
        assertThat(store.err()).contains("no run store here");
        CliRun registry = CliRun.of("ui", "--store", tmp.getRoot().toString(), "--registry", "/nonexistent-registry");
        assertThat(registry.exitCode()).isEqualTo(2);
        assertThat(registry.err()).contains("registry");
    }

    @Test
    public void registryAndRolloutPagesAnswer200WithTheStrictCsp() throws Exception {
        for (String path : registryPages()) {
            HttpResponse<String> r = send("GET", path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue(UiServer.CSP);
            assertThat(r.body()).as(path).doesNotContain("<style").doesNotContain("style=\"")
                    .doesNotContain("<script>").contains("<script src=\"/static/mlops.js\" defer></script>");
        }
        assertThat(send("GET", "").body()).contains("<a href=\"/registry\">Registry</a>");
    }

    @Test
    public void registryPagesAreReadOnlyAndReadingThemWritesNothing() throws Exception {
        java.util.Map<String, String> before = snapshot(registryDir);
        for (String path : registryPages()) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
                assertThat(send(method, path).statusCode()).as(method + " " + path).isEqualTo(405);
            }
            assertThat(send("GET", path).statusCode()).isEqualTo(200);
        }
        assertThat(snapshot(registryDir)).as("the registry's files").isEqualTo(before);
    }

    @Test
    public void unknownModelsAndVersionsAre404AndNamesCannotReachOutsideTheRegistry() throws Exception {
        for (String bad : List.of("registry/model?name=no-such-model", "registry/model?name=..",
                "registry/model?name=..%2F..%2F..%2Fetc%2Fpasswd", "registry/model?name=%2Fetc%2Fpasswd",
                "registry/model?name=churn-classifier%2F..%2F..%2Fmeta.git", "registry/model?name=.%2Fchurn-classifier",
                "registry/model?name=Churn-Classifier", "registry/version?model=churn-classifier&version=9.9.9",
                "registry/version?model=churn-classifier&version=..%2F..%2Findex", "registry/version?model=..&version=1.0.0",
                "registry/version?model=no-such-model&version=1.0.0", "registry/diff?model=churn-classifier&a=1.0.0&b=9.9.9",
                "registry/diff?model=..%2Fmodels&a=1.0.0&b=1.1.0", "rollout?run=" + ids.get(0), "rollout?run=..%2F..",
                "rollout?run=nope")) {
            HttpResponse<String> r = send("GET", bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(404);
            assertThat(r.body()).as(bad).doesNotContain("root:").contains("id=\"mlops-message\"");
        }
        assertThat(send("GET", "registry/model").statusCode()).isEqualTo(400);
        assertThat(send("GET", "registry/version?model=churn-classifier").statusCode()).isEqualTo(400);
        assertThat(send("GET", "rollout").statusCode()).isEqualTo(400);
        HttpResponse<String> r = send("GET", "registry/model?name=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("<script>alert(1)").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    @Test
    public void withoutARegistryTheNavigationHasNoRegistryAndNoneIsCreated() throws Exception {
        Path ws = tmp.newFolder("no-registry").toPath();
        UiFixture.threeRuns(ws);
        Path store = ws.resolve(".mlops");
        try (UiProcess plain = new UiProcess("--store", store.toString())) {
            assertThat(plain.out()).contains("registry: none");
            HttpResponse<String> index = HTTP.send(HttpRequest.newBuilder(URI.create(plain.url())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(index.body()).doesNotContain(">Registry<");
            HttpResponse<String> models = HTTP.send(HttpRequest.newBuilder(URI.create(plain.url() + "registry")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(models.statusCode()).isEqualTo(404);
            assertThat(models.body()).contains("--registry DIR");
        }
        assertThat(store.resolve("registry")).as("the default registry is not created by looking").doesNotExist();
    }

    @Test
    public void aRegistryOptionThatIsNotARegistryIsBadInputAndNothingIsCreated() throws Exception {
        Path notRegistry = tmp.newFolder("not-a-registry").toPath();
        CliRun run = CliRun.of("ui", "--store", registryDir.getParent().toString(), "--registry", notRegistry.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("not a model registry");
        assertThat(notRegistry.resolve("meta.git")).doesNotExist();
    }
}
