package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import java.io.Serializable;
import java.util.List;

/**
 * A published version: its number and why, its blobs, its lineage, the metadata commit and how
 * many compare-and-swap attempts it took (more than one when others published at the same time).
 */
public record PublishResult(String verdict, String model, SemVer version, SemVer parent, VersionBump bump,
                            String bumpReason, List<BlobRef> files, Lineage lineage, String commit,
                            List<String> tags, int attempts, long hashCopyMillis, long totalMillis)
        implements StageOutcome, Serializable {
    public static final String PUBLISHED = "PUBLISHED";
    /** The stage under which a front end records a publish in the run that asked for it. */
    public static final String STAGE = Stage.PUBLISH.id();

    public PublishResult {
        files = files == null ? List.of() : List.copyOf(files);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    @Override
    public Stage pipelineStage() {
        return Stage.PUBLISH;
    }

    /** A published version is a passed stage (a refused publish throws instead of returning a result). */
    @Override
    public boolean passed() {
        return true;
    }

    /**
     * One line: the version and why. A run may publish more than once; the stage result that
     * {@code core.report.StageReports} makes keeps the earlier versions beside this line.
     */
    @Override
    public String summary() {
        return model + " " + version + " published (" + bump + (bumpReason == null ? "" : ": " + bumpReason)
                + "), " + files.size() + " file(s)";
    }
}
