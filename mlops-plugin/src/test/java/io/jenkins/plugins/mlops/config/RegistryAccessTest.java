package io.jenkins.plugins.mlops.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.registry.Registry;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Where the configured registry is opened on the controller (real registries on disk). */
public class RegistryAccessTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void noRegistryConfiguredMeansJenkinsHomeMlopsRegistry() throws Exception {
        Path home = tmp.newFolder("jenkins-home", "mlops").toPath();
        try (Registry registry = RegistryAccess.open(null, home, null)) {
            assertThat(registry.location()).isEqualTo(home.resolve("registry").toString());
            assertThat(registry.metadataGitDir()).startsWith(home.resolve("registry"));
        }
    }

    @Test
    public void anAbsoluteDirectoryIsUsedAsIsAndARelativeOneUnderJenkinsHomeMlops() throws Exception {
        Path home = tmp.newFolder("home").toPath();
        Path elsewhere = tmp.newFolder("shared", "registry").toPath();
        try (Registry registry = RegistryAccess.open(elsewhere.toString(), home, null)) {
            assertThat(registry.location()).isEqualTo(elsewhere.toString());
        }
        try (Registry registry = RegistryAccess.open("team-registry", home, null)) {
            assertThat(registry.location()).isEqualTo(home.resolve("team-registry").toString());
        }
    }

    @Test
    public void aGitUrlKeepsItsCacheUnderJenkinsHomeMlops() throws Exception {
        // a real remote: a bare repository that a local registry created, reached by file:// URL
        Path origin = tmp.newFolder("origin").toPath();
        try (Registry seed = Registry.openLocal(origin)) {
            seed.models();
        }
        Path home = tmp.newFolder("home2").toPath();
        String url = origin.resolve("meta.git").toUri().toString();
        try (Registry registry = RegistryAccess.open(url, home, null)) {
            assertThat(registry.location()).isEqualTo(url);
            assertThat(registry.metadataGitDir()).startsWith(home.resolve("registry-cache"));
        }
    }
}
