package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.stage.Stage;
import io.jenkins.plugins.mlops.core.track.DatasetRef;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.Serializable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Where a version came from, copied from its source run when it was published (so the registry
 * answers lineage questions even after the run store is gone): the run, the CI build, the code,
 * the datasets with their hashes, the schema and label definition, the params (and their hash),
 * the final metric values, and the results of the data-validation, model-test, blessing and
 * infra-validation stages.
 */
public record Lineage(String sourceRun, String experiment, String ciUrl, String ciJob, Integer ciBuild,
                      String codeCommit, String codeBranch, boolean codeDirty, String codeRemote,
                      List<DatasetRef> datasets, String schemaHash, String labelDefinition,
                      Map<String, String> params, String paramsHash, Map<String, Double> metrics,
                      Map<String, StageResult> stages) implements Serializable {

    /** The stages whose results travel with a version. */
    public static final List<String> STAGES = Stream.of(Stage.DATA_VALIDATION, Stage.MODEL_TESTS, Stage.BLESSING,
            Stage.INFRA_VALIDATION).map(Stage::id).toList();

    public Lineage {
        datasets = datasets == null ? List.of() : List.copyOf(datasets);
        params = params == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(params));
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(metrics));
        stages = stages == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(stages));
    }

    public boolean passed(String stage) {
        StageResult result = stages.get(stage);
        return result != null && result.passed();
    }

    /** The stage's verdict word, or "NOT RUN". */
    public String verdictOf(String stage) {
        StageResult result = stages.get(stage);
        return result == null ? "NOT RUN" : result.verdict();
    }
}
