package io.jenkins.plugins.mlops.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Every routing the nginx router writes is accepted by the real {@code nginx -t}; a rejected one is undone. */
public class NginxRouterTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();
    private Path prefix;
    private Path conf;
    private Path site;

    @Before
    public void setUp() throws Exception {
        prefix = tmp.getRoot().toPath();
        Files.createDirectories(prefix.resolve("tmp"));
        site = prefix.resolve("site.conf");
        conf = prefix.resolve("nginx.conf");
        String t = prefix.resolve("tmp").toString();
        Files.writeString(conf, "pid " + prefix.resolve("nginx.pid") + ";\nevents {}\nhttp {\n"
                + " client_body_temp_path " + t + "; proxy_temp_path " + t + "; fastcgi_temp_path " + t + ";\n"
                + " uwsgi_temp_path " + t + "; scgi_temp_path " + t + ";\n include " + site + ";\n}\n");
    }

    private RolloutPlan plan(String canaryAddress) {
        return plan(canaryAddress, "127.0.0.1:18099");
    }

    private RolloutPlan plan(String canaryAddress, String listen) {
        return new RolloutPlan("breast-cancer", null, RolloutPlan.Strategy.canary,
                new RolloutPlan.Backend("1.0.0", "127.0.0.1:8601"), new RolloutPlan.Backend("1.1.0", canaryAddress),
                new RolloutPlan.RouterSpec("nginx", new RolloutPlan.NginxSpec("nginx", prefix.toString(), conf.toString(),
                        prefix.resolve("error.log").toString(), site.toString(), listen, 2), null),
                null, null, List.of(new RolloutPlan.StepSpec(10, 0, null, null, null)), null, null, null);
    }

    private String nginxTest() throws Exception {
        return nginx("-t");
    }

    private String nginx(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("nginx", "-p", prefix.toString(), "-c",
                conf.toString(), "-e", prefix.resolve("error.log").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return p.exitValue() + " " + out;
    }

    @Test
    public void weightedMirrorAndAbConfigurationsPassNginxTest() throws Exception {
        NginxRouter router = new NginxRouter(plan("127.0.0.1:8602"));
        RolloutPlan.AbTestSpec ab = new RolloutPlan.AbTestSpec("X-Variant", "variant", "b", 20, "X-User", 5, null, null, null);
        for (Routing routing : List.of(Routing.weighted(1, 0), Routing.weighted(2, 10), Routing.weighted(3, 100),
                Routing.shadow(4), Routing.abTest(5, ab),
                Routing.abTest(6, new RolloutPlan.AbTestSpec(null, "variant", "b", null, null, 5, null, null, null)))) {
            Files.writeString(site, router.siteConfig(routing));
            assertThat(nginxTest()).as(routing.describe() + "\n" + router.siteConfig(routing)).startsWith("0 ");
        }
        String weighted = router.siteConfig(Routing.weighted(2, 10));
        assertThat(weighted).contains("server 127.0.0.1:8601 weight=90;", "server 127.0.0.1:8602 weight=10;");
        String shadow = router.siteConfig(Routing.shadow(4));
        assertThat(shadow).contains("mirror /_mlops_mirror;", "proxy_pass http://mlops_breast_cancer_stable;");
        String abConfig = router.siteConfig(Routing.abTest(5, ab));
        assertThat(abConfig).contains("map $http_x_variant", "map $cookie_variant", "split_clients \"$http_x_user\"");
    }

    @Test
    public void aConfigurationNginxRejectsIsUndoneAndReported() throws Exception {
        String previous = "# the routing that serves now\n";
        Files.writeString(site, previous);
        NginxRouter router = new NginxRouter(plan("127.0.0.1:99999"));
        assertThatThrownBy(() -> router.apply(Routing.weighted(1, 10))).isInstanceOf(InfrastructureException.class)
                .hasMessageContaining("nginx -t rejected").hasMessageContaining("previous configuration restored");
        assertThat(Files.readString(site)).isEqualTo(previous);
    }

    @Test
    public void applyReturnsOnlyOnceTheNewRoutingIsLiveEvenWhenItReusesTheGenerationNumber() throws Exception {
        String listen;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            listen = "127.0.0.1:" + socket.getLocalPort();
        }
        NginxRouter router = new NginxRouter(plan("127.0.0.1:8602", listen));
        Files.writeString(site, router.siteConfig(Routing.weighted(0, 0)));
        assertThat(nginx()).startsWith("0 ");
        try {
            // a step and the abort that undoes it share generation 1: only the configuration differs
            for (int round = 0; round < 5; round++) {
                router.apply(Routing.weighted(1, 30));
                assertThat(routingAnswer(listen)).contains("\"generation\":1", "\"canaryWeight\":30");
                router.apply(Routing.weighted(1, 0));
                assertThat(routingAnswer(listen)).contains("\"generation\":1", "\"canaryWeight\":0");
            }
        } finally {
            nginx("-s", "quit");
        }
    }

    private static String routingAnswer(String listen) throws Exception {
        var client = java.net.http.HttpClient.newHttpClient();
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + listen + "/_mlops/routing"))
                .build();
        return client.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }
}
