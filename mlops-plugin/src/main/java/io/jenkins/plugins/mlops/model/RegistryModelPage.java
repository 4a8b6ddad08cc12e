package io.jenkins.plugins.mlops.model;

import hudson.model.ModelObject;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.registry.SemVer;
import io.jenkins.plugins.mlops.views.RunPages;
import java.util.List;

/**
 * One model of the registry page ({@code /mlops-registry/model/NAME/}): its versions, stage
 * history and the lineage of its latest version, or of {@code version/X.Y.Z/}. Read-only.
 * A {@link ModelObject}: Jenkins routes a URL to {@code getModel(String)} and
 * {@code getVersion(String)} only when the type they return may be reached from the web (a plain
 * class is a 404).
 */
public final class RegistryModelPage implements ModelObject {
    private final RegistryReader registry;
    private final String model;
    private final String lineageOf;

    RegistryModelPage(RegistryReader registry, String model, String lineageOf) {
        this.registry = registry;
        this.model = model;
        this.lineageOf = lineageOf;
    }

    public String getModel() {
        return model;
    }

    @Override
    public String getDisplayName() {
        return getTitle();
    }

    public String getTitle() {
        return lineageOf == null ? MlopsMessages.RegistryAction_ModelTitle.text(model)
                : MlopsMessages.RegistryAction_VersionTitle.text(model, lineageOf);
    }

    /** The versions, newest first, for the page's links to each version's lineage. */
    public List<String> getVersions() {
        return registry.read(r -> r.versions(model).versions().stream().map(e -> e.version().toString())
                .sorted((a, b) -> SemVer.parse(b).compareTo(SemVer.parse(a))).toList());
    }

    /** Core-rendered section of this model (escaped by core's templates; see {@link RunPages}). */
    public String getHtml() {
        registry.checkRead();
        return RunPages.renderedOrLogged(getTitle(), () -> registry.read(r -> RunPages.registryHtml(r, model, lineageOf)));
    }

    public String getAdjunct() {
        return RunPages.ADJUNCT;
    }

    /** {@code version/X.Y.Z/}: the lineage of that version; null (404) for no such version. */
    public RegistryModelPage getVersion(String version) {
        registry.checkRead();
        SemVer wanted;
        try {
            wanted = SemVer.parse(version);
        } catch (RuntimeException notAVersion) {
            return null;
        }
        return registry.read(r -> r.versions(model).versions().stream().anyMatch(e -> e.version().equals(wanted)))
                ? new RegistryModelPage(registry, model, wanted.toString()) : null;
    }
}
