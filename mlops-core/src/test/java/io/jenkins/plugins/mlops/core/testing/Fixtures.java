package io.jenkins.plugins.mlops.core.testing;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Test resources as paths (samples under src/test/resources). */
public final class Fixtures {
    private Fixtures() {
    }

    public static Path path(String resource) {
        URL url = Fixtures.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + resource);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
