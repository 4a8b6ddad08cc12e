package io.jenkins.plugins.mlops.cli.ui;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.mlops.core.report.StandardStageSections;
import io.jenkins.plugins.mlops.core.report.StaticAssets;
import io.jenkins.plugins.mlops.core.report.UiShell;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The read-only web server of {@code mlops ui} (JDK HttpServer): the pages of {@link UiPages} and
 * the two static files. Every answer carries a strict Content-Security-Policy (scripts and styles
 * only from this server, and those are only mlops.js and mlops.css), {@code nosniff}, no framing
 * and no referrer; only GET and HEAD are allowed; only a Host header naming the bound address is
 * answered ({@link HostCheck}). Nothing here writes to the store.
 */
public final class UiServer implements AutoCloseable {
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"; // the search box submits to this server
    static final String STATIC = "/static";
    private static final Map<String, String> ASSETS = Map.of(
            STATIC + "/mlops.css", "text/css; charset=utf-8",
            STATIC + "/mlops.js", "text/javascript; charset=utf-8");

    private final HttpServer server;
    private final ExecutorService executor;
    private final RunStore store;
    private final Path registry;
    private final List<UiRoute> routes;
    private final HostCheck hosts;

    private UiServer(HttpServer server, ExecutorService executor, RunStore store, Path registry, List<UiRoute> routes) {
        this.server = server;
        this.executor = executor;
        this.store = store;
        this.registry = registry;
        this.routes = routes;
        this.hosts = new HostCheck(server.getAddress().getAddress(), server.getAddress().getPort());
    }

    /**
     * Starts serving on {@code host:port} (port 0 picks a free port); {@code registry} is a local
     * registry directory for the registry pages, or {@code null} (no registry pages in the navigation).
     */
    public static UiServer start(String host, int port, RunStore store, Path registry) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "mlops-ui");
            t.setDaemon(true);
            return t;
        });
        UiServer ui = new UiServer(http, executor, store, registry, UiPages.routes(StandardStageSections.all(), registry != null));
        http.createContext("/", ui::handle);
        http.setExecutor(executor);
        http.start();
        return ui;
    }

    public String url() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Security-Policy", CSP);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cache-Control", "no-store");
            String method = exchange.getRequestMethod();
            boolean head = method.equals("HEAD");
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (!hosts.allows(host)) {
                send(exchange, 421, "text/plain; charset=utf-8", "421 misdirected request: mlops ui answers only to " + url()
                        + " and http://localhost:" + port() + "/, not to Host '" + host + "' (a guard against DNS rebinding)\n", head);
                return;
            }
            if (!head && !method.equals("GET")) {
                headers.set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "405 method not allowed: mlops ui is read-only\n", false);
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String type = ASSETS.get(path);
            if (type != null) {
                send(exchange, 200, type, path.endsWith(".css") ? StaticAssets.CSS : StaticAssets.JS, head);
                return;
            }
            UiPage page = page(path, exchange.getRequestURI().getRawQuery());
            String html = new UiShell(page.title(), nav(path), STATIC, page.body()).toHtml();
            send(exchange, page.status(), "text/html; charset=utf-8", html, head);
        }
    }

    /** Routes the request; unknown paths, unknown things and bad requests become escaped message pages. */
    UiPage page(String rawPath, String rawQuery) {
        UiRoute route = routes.stream().filter(r -> r.path().equals(rawPath)).findFirst().orElse(null);
        if (route == null) {
            return new UiPage(404, "Not found", UiShell.message("There is no page " + rawPath + " here."));
        }
        try {
            return route.handler().handle(new UiRequest(rawPath, UiRequest.parseQuery(rawQuery), store, registry));
        } catch (UiPage.NotFound e) {
            return new UiPage(404, "Not found", UiShell.message(e.getMessage()));
        } catch (UiPage.BadRequest | IllegalArgumentException e) {
            return new UiPage(400, "Bad request", UiShell.message(e.getMessage()));
        }
    }

    private List<UiShell.NavItem> nav(String path) {
        return routes.stream().filter(r -> r.navLabel() != null)
                .map(r -> new UiShell.NavItem(r.navLabel(), r.path(), r.path().equals(path))).toList();
    }

    private static void send(HttpExchange exchange, int status, String type, String body, boolean head) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        if (head) {
            exchange.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
