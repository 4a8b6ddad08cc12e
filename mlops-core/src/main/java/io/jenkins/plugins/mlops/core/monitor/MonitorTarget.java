package io.jenkins.plugins.mlops.core.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.registry.IndexEntry;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.registry.SemVer;
import io.jenkins.plugins.mlops.core.registry.VersionRecord;
import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.track.DatasetRef;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The version being monitored and what its registry lineage says it was trained on: read on the
 * side that reaches the registry (the controller, in Jenkins), then handed to the engine wherever
 * the logs are.
 *
 * @param knownVersions       every version of the model (a log line naming another is bad input)
 * @param trainingData        the lineage's training dataset path (null: the lineage names none)
 * @param trainingSha256      its content hash when published, to refuse data that changed since
 * @param schema              the schema the version's data validation used (null: none recorded)
 * @param trainingPredictions the predictions the version's model tests read (null: none recorded)
 */
public record MonitorTarget(String model, String version, List<String> knownVersions, String trainingData,
                            String trainingSha256, String schema, String trainingPredictions) implements Serializable {
    public static final String DEFAULT_STAGE = "production";
    public static final String DEFAULT_DATASET = "train";

    public MonitorTarget {
        knownVersions = knownVersions == null ? List.of() : List.copyOf(knownVersions);
    }

    /**
     * @param version the version to monitor; null: the one {@code stage} (default production) holds
     * @param dataset the lineage dataset that is the training data (default {@code train})
     */
    public static MonitorTarget of(Registry registry, String model, String version, String stage, String dataset) {
        String from = stage == null || stage.isBlank() ? DEFAULT_STAGE : stage;
        List<String> known = registry.versions(model).versions().stream().map(IndexEntry::version).map(SemVer::toString).toList();
        if (known.isEmpty()) {
            throw BadInputException.at("model", 0, "no model '" + model + "' in the registry",
                    "publish it first, or list the models with 'mlops registry list'");
        }
        String chosen = version;
        if (chosen == null || chosen.isBlank()) {
            chosen = registry.stages(model).current(from).map(SemVer::toString).orElseThrow(() -> BadInputException.at(
                    "stage", 0, "stage " + from + " of " + model + " holds no version",
                    "put the version in production with 'mlops registry stage', or name it with --version"));
        }
        VersionRecord record = registry.show(model, chosen);
        String name = dataset == null || dataset.isBlank() ? DEFAULT_DATASET : dataset;
        Optional<DatasetRef> training = record.lineage() == null ? Optional.empty()
                : record.lineage().datasets().stream().filter(d -> d.name().equals(name)).findFirst();
        String schema = detail(record, Stage.DATA_VALIDATION, "schema");
        String predictions = detail(record, Stage.MODEL_TESTS, "predictions");
        return new MonitorTarget(model, record.version().toString(), known, training.map(DatasetRef::path).orElse(null),
                training.map(DatasetRef::sha256).orElse(null), schema, predictions);
    }

    /** A version given outright, with no lineage (tests, and logs of a model outside the registry). */
    public static MonitorTarget bare(String model, String version) {
        return new MonitorTarget(model, version, List.of(version), null, null, null, null);
    }

    private static String detail(VersionRecord record, Stage stage, String field) {
        if (record.lineage() == null) {
            return null;
        }
        StageResult result = record.lineage().stages().get(stage.id());
        JsonNode details = result == null ? null : result.details();
        if (details == null || !details.path(field).isTextual() || details.path(field).asText().isBlank()) {
            return null;
        }
        return details.path(field).asText();
    }
}
