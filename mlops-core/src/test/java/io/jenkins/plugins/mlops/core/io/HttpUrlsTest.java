package io.jenkins.plugins.mlops.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.Test;

public class HttpUrlsTest {
    @Test
    public void aUrlMlopsCallsIsHttpWithAHostAndNothingThatLeavesAConfigLine() {
        assertThat(HttpUrls.isHttpUrl("http://127.0.0.1:9090")).isTrue();
        assertThat(HttpUrls.isHttpUrl("https://prom.example.com/")).isTrue();
        assertThat(HttpUrls.isHttpUrl("http://127.0.0.1:8080/predict")).isTrue();
        for (String bad : new String[] {null, "", "http://", "http://:9090", "file:///etc/passwd", "prometheus:9090",
            "http://a b", "http://x/;proxy_pass", "http://x/{q}", "http://x/'"}) {
            assertThat(HttpUrls.isHttpUrl(bad)).as(String.valueOf(bad)).isFalse();
        }
    }
}
