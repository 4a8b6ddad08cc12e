package io.jenkins.plugins.mlops.core.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.Test;

/** A metrics source that is down pauses a rollout with a reason a person can act on, never "unreachable: null". */
public class UnreachableProviderTest {
    /** A loopback port nothing listens on (bound, then closed). */
    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    public void aJsonSourceThatRefusesConnectionsSaysConnectionRefused() throws Exception {
        String url = "http://127.0.0.1:" + closedPort() + "/outcomes";
        Reading r = new JsonHttpProvider(new RolloutPlan.JsonHttpSpec(2))
                .read(new RolloutPlan.MetricSpec("errors", "json", null, url, "/errors", null, 0.1, null));
        assertThat(r.value()).isNull();
        assertThat(r.problem()).isEqualTo(url + " is unreachable: connection refused").doesNotContain("null");
    }

    @Test
    public void prometheusThatRefusesConnectionsSaysConnectionRefused() throws Exception {
        String base = "http://127.0.0.1:" + closedPort();
        Reading r = new PrometheusProvider(new RolloutPlan.PrometheusSpec(base, 2))
                .read(new RolloutPlan.MetricSpec("errors", "prometheus", "up", null, null, null, 0.1, null));
        assertThat(r.problem()).isEqualTo("Prometheus at " + base + " is unreachable: connection refused");
    }
}
