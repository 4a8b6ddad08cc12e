package io.jenkins.plugins.mlops.model;

import hudson.Extension;
import hudson.model.RootAction;
import io.jenkins.plugins.mlops.JenkinsFacade;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.registry.ModelSummary;
import io.jenkins.plugins.mlops.core.registry.Names;
import io.jenkins.plugins.mlops.views.RunPages;
import java.util.List;
import jenkins.model.Jenkins;

/**
 * "Model registry" on Jenkins's side panel ({@code /mlops-registry/}): the registry of the global
 * configuration, read-only, for everyone with Overall/Read. The page is core's registry section
 * (models, versions with stage badges, stage history, lineage graph as SVG), one model per
 * {@code model/NAME/}, the lineage of one version at {@code model/NAME/version/X.Y.Z/}. Nothing
 * here changes the registry: there is no web method.
 */
@Extension
public class RegistryAction implements RootAction {
    public static final String URL_NAME = "mlops-registry";

    private final RegistryReader registry;

    /** As Jenkins makes it: this Jenkins, and the registry of the global configuration. */
    public RegistryAction() {
        this(new RegistryReader(new JenkinsFacade(), () -> MlopsGlobalConfiguration.get().openRegistry()));
    }

    RegistryAction(RegistryReader registry) {
        this.registry = registry;
    }

    /** The path of a model's page below this action's URL. */
    public static String modelUrl(String model) {
        return "model/" + model + "/";
    }

    @Override
    public String getIconFileName() {
        return registry.jenkins().hasPermission(Jenkins.READ) ? "package.png" : null;
    }

    @Override
    public String getDisplayName() {
        return MlopsMessages.RegistryAction_DisplayName.text();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    public String getTitle() {
        return MlopsMessages.RegistryAction_DisplayName.text();
    }

    /** The models in the registry, for the page's links. */
    public List<String> getModelNames() {
        return registry.read(r -> r.models().stream().map(ModelSummary::model).toList());
    }

    /** Core-rendered list of the models (escaped by core's templates; see {@link RunPages}). */
    public String getHtml() {
        registry.checkRead();
        return RunPages.renderedOrLogged(getTitle(), () -> registry.read(r -> RunPages.registryHtml(r, null, null)));
    }

    public String getAdjunct() {
        return RunPages.ADJUNCT;
    }

    /** {@code model/NAME/}: one model's page; null (404) for a name that is no model of the registry. */
    public RegistryModelPage getModel(String name) {
        registry.checkRead();
        try {
            Names.model(name);
        } catch (BadInputException notAName) {
            return null;
        }
        // core's versions(name) refuses a model it does not hold (bad input): ask the list instead
        return registry.read(r -> r.models().stream().anyMatch(m -> m.model().equals(name)))
                ? new RegistryModelPage(registry, name, null) : null;
    }
}
