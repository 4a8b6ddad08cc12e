package io.jenkins.plugins.mlops.core.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A model test suite file (docs/model-tests.md, docs/schemas/model-test-suite.schema.json): metric
 * thresholds overall and per slice, and CheckList's behavioural tests against a prediction
 * endpoint.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelTestSuite(String name, Task task, String positiveLabel, PredictionColumns columns,
                             Integer minSliceSize, List<MetricThreshold> thresholds, List<SliceSpec> slices,
                             Behavioural behavioural) implements Serializable {
    private static final long serialVersionUID = 1L;

    public ModelTestSuite {
        thresholds = thresholds == null ? List.of() : thresholds;
        slices = slices == null ? List.of() : slices;
    }

    /** {@code metric} must be at least {@code min} and/or at most {@code max}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MetricThreshold(String metric, Double min, Double max) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Slices by the distinct values of {@code column} (or only {@code values}); slices smaller than
     * {@code minSize} (default: the suite's {@code minSliceSize}, else 1) are reported, not tested.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SliceSpec(String column, List<String> values, Integer minSize, List<MetricThreshold> thresholds)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Behavioural tests and how to call the model. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Behavioural(String endpoint, RequestTemplate request, ResponseSpec response,
                              List<BehaviouralTest> tests) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * One HTTP request per input: {@code body} is any JSON in which the string {@code "$input"}
     * stands for the input object. Default: POST {@code {"instances": ["$input"]}}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RequestTemplate(String method, Map<String, String> headers, JsonNode body, Integer timeoutSeconds)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** JSON Pointers (RFC 6901) into the response: the score and the label of the one input. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ResponseSpec(String score, String label) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /**
     * {@code type}: {@code minimum_functionality} (each example's {@code expected} label),
     * {@code invariance} (the {@code perturbation} must not change the label, nor the score by
     * more than {@code tolerance} when given) or {@code directional} (the perturbation must move
     * the score in {@code expect} = increase|decrease: by at least {@code minChange} when given,
     * else a move the other way within {@code tolerance} (default 0) is allowed, as CheckList's
     * monotonic expectation). {@code minPassRate}
     * (default 1.0): the fraction of examples that must pass.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record BehaviouralTest(String name, String type, String description, List<Example> examples,
                                  Perturbation perturbation, String expect, Double tolerance, Double minChange,
                                  Double minPassRate)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Example(JsonNode input, String expected) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Changes to an input's fields: {@code set} a value, {@code add} a number, {@code scale} by a factor. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Perturbation(Map<String, JsonNode> set, Map<String, Double> add, Map<String, Double> scale)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
