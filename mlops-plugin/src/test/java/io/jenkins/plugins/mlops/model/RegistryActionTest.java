package io.jenkins.plugins.mlops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import hudson.security.Permission;
import io.jenkins.plugins.mlops.JenkinsFacade;
import io.jenkins.plugins.mlops.core.registry.Actor;
import io.jenkins.plugins.mlops.core.registry.PublishRequest;
import io.jenkins.plugins.mlops.core.registry.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.springframework.security.access.AccessDeniedException;

/**
 * The Model registry pages over a real registry on disk, with a Jenkins facade that grants or
 * refuses Overall/Read (the real routing and 403 are shown by PublishPipelineJenkinsTest).
 */
public class RegistryActionTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Supplier<Registry> registries;

    /** A Jenkins whose current user holds Overall/Read or nothing. */
    private static JenkinsFacade jenkins(boolean mayRead) {
        return new JenkinsFacade() {
            @Override
            public boolean hasPermission(Permission permission) {
                return mayRead;
            }

            @Override
            public void checkPermission(Permission permission) {
                if (!mayRead) {
                    throw new AccessDeniedException("anonymous is missing the Overall/Read permission");
                }
            }
        };
    }

    @Before
    public void twoVersionsOfOneModel() throws Exception {
        Path dir = tmp.newFolder("registry").toPath();
        registries = () -> Registry.openLocal(dir);
        Path model = tmp.newFile("model.pkl").toPath();
        try (Registry registry = registries.get()) {
            Files.writeString(model, "one");
            registry.publish(PublishRequest.of("churn", model, null, new Actor("jenkins", "job", 1)).withVersion("1.0.0"));
            Files.writeString(model, "two");
            registry.publish(PublishRequest.of("churn", model, null, new Actor("jenkins", "job", 2)).withVersion("1.1.0"));
        }
    }

    @Test
    public void aReaderSeesTheModelsItsVersionsNewestFirstAndTheirPages() {
        RegistryAction action = new RegistryAction(new RegistryReader(jenkins(true), registries));

        assertThat(action.getIconFileName()).isNotNull();
        assertThat(action.getModelNames()).containsExactly("churn");
        assertThat(action.getHtml()).contains("churn");
        RegistryModelPage page = action.getModel("churn");
        assertThat(page.getVersions()).containsExactly("1.1.0", "1.0.0");
        assertThat(page.getHtml()).contains("1.1.0").contains("1.0.0");
        assertThat(page.getVersion("1.0.0").getTitle()).contains("churn").contains("1.0.0");
    }

    @Test
    public void anUnknownModelOrVersionOrANameThatIsNoModelNameIsNotFound() {
        RegistryAction action = new RegistryAction(new RegistryReader(jenkins(true), registries));

        assertThat(action.getModel("fraud")).isNull();
        assertThat(action.getModel("..")).isNull();
        RegistryModelPage page = action.getModel("churn");
        assertThat(page.getVersion("2.0.0")).isNull();
        assertThat(page.getVersion("latest")).isNull();
    }

    @Test
    public void withoutOverallReadThePageIsHiddenAndEveryReadIsRefused() {
        RegistryAction refused = new RegistryAction(new RegistryReader(jenkins(false), registries));

        assertThat(refused.getIconFileName()).as("no link on the side panel").isNull();
        assertThatThrownBy(refused::getModelNames).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(refused::getHtml).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> refused.getModel("churn")).isInstanceOf(AccessDeniedException.class);
        RegistryModelPage page = new RegistryModelPage(new RegistryReader(jenkins(false), registries), "churn", null);
        assertThatThrownBy(page::getVersions).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(page::getHtml).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> page.getVersion("1.0.0")).isInstanceOf(AccessDeniedException.class);
    }
}
