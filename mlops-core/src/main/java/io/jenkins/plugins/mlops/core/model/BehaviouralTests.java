package io.jenkins.plugins.mlops.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CheckList's three behavioural test types, run against a live endpoint: minimum functionality,
 * invariance and directional expectation. Each test's verdict carries its pass rate and the
 * examples that failed, with what the model answered.
 */
final class BehaviouralTests {
    static final String GROUP = "behavioural";
    private static final int MAX_EVIDENCE = 20;

    private BehaviouralTests() {
    }

    static void validate(ModelTestSuite.Behavioural spec, Object source) {
        if (spec.tests() == null || spec.tests().isEmpty()) {
            throw BadInputException.at(source, 0, "field 'behavioural.tests': no tests", "list at least one test or drop 'behavioural'");
        }
        for (int i = 0; i < spec.tests().size(); i++) {
            ModelTestSuite.BehaviouralTest t = spec.tests().get(i);
            String where = "field 'behavioural.tests[" + i + "]'";
            if (t.name() == null || t.name().isBlank()) {
                throw BadInputException.at(source, 0, where + ": 'name' is missing", "name every test");
            }
            String type = t.type() == null ? "" : t.type();
            if (!List.of("minimum_functionality", "invariance", "directional").contains(type)) {
                throw BadInputException.at(source, 0, where + " (" + t.name() + "): type '" + type + "' is unknown",
                        "use minimum_functionality, invariance or directional");
            }
            if (t.examples() == null || t.examples().isEmpty()) {
                throw BadInputException.at(source, 0, where + " (" + t.name() + "): no examples", "give at least one example input");
            }
            for (int j = 0; j < t.examples().size(); j++) {
                ModelTestSuite.Example e = t.examples().get(j);
                if (e == null || e.input() == null || !e.input().isObject()) {
                    throw BadInputException.at(source, 0, where + ".examples[" + j + "]: 'input' must be a JSON object",
                            "write the input's fields as an object");
                }
                if (type.equals("minimum_functionality") && (e.expected() == null || e.expected().isBlank())) {
                    throw BadInputException.at(source, 0, where + ".examples[" + j + "]: 'expected' is missing",
                            "give the label the model must predict");
                }
            }
            if (!type.equals("minimum_functionality") && t.perturbation() == null) {
                throw BadInputException.at(source, 0, where + " (" + t.name() + "): 'perturbation' is missing",
                        "say what to change: set, add or scale fields");
            }
            if (t.perturbation() != null) {
                checkPerturbedFields(t, where, source);
            }
            if (type.equals("directional") && !List.of("increase", "decrease").contains(String.valueOf(t.expect()))) {
                throw BadInputException.at(source, 0, where + " (" + t.name() + "): 'expect' must be increase or decrease",
                        "say which way the score must move");
            }
            if (t.minPassRate() != null && (t.minPassRate() < 0 || t.minPassRate() > 1)) {
                throw BadInputException.at(source, 0, where + " (" + t.name() + "): minPassRate " + t.minPassRate()
                        + " is not in [0, 1]", "give a fraction, e.g. 0.9");
            }
        }
    }

    /** A perturbation that adds to or scales a field needs that field, as a number, in every example: checked before any call. */
    private static void checkPerturbedFields(ModelTestSuite.BehaviouralTest t, String where, Object source) {
        List<String> numeric = new ArrayList<>();
        if (t.perturbation().add() != null) {
            numeric.addAll(t.perturbation().add().keySet());
        }
        if (t.perturbation().scale() != null) {
            numeric.addAll(t.perturbation().scale().keySet());
        }
        for (int j = 0; j < t.examples().size(); j++) {
            JsonNode input = t.examples().get(j).input();
            for (String field : numeric) {
                JsonNode v = input.get(field);
                if (v == null || !v.isNumber()) {
                    throw BadInputException.at(source, 0, where + " (" + t.name() + "): the perturbation changes field '" + field
                            + "', but examples[" + j + "].input " + (v == null ? "has no such field" : "holds " + v + ", not a number")
                            + " (its fields: " + fieldNames(input) + ")",
                            "perturb a numeric field every example has, or add it to the examples");
                }
            }
        }
    }

    private static List<String> fieldNames(JsonNode input) {
        List<String> names = new ArrayList<>();
        input.fieldNames().forEachRemaining(names::add);
        return names.size() > 10 ? List.copyOf(names.subList(0, 10)) : names;
    }

    static List<TestCaseResult> run(ModelTestSuite.Behavioural spec, PredictionEndpoint endpoint) {
        List<TestCaseResult> out = new ArrayList<>();
        for (ModelTestSuite.BehaviouralTest t : spec.tests()) {
            out.add(runOne(t, endpoint));
        }
        return out;
    }

    private static TestCaseResult runOne(ModelTestSuite.BehaviouralTest t, PredictionEndpoint endpoint) {
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        int passed = 0;
        double worst = Double.NaN;
        int index = 0;
        for (ModelTestSuite.Example e : t.examples()) {
            index++;
            PredictionEndpoint.Answer a = endpoint.predict(e.input());
            String line;
            boolean ok;
            switch (t.type()) {
                case "minimum_functionality" -> {
                    ok = e.expected().equals(a.label());
                    line = "#" + index + " " + e.input() + ": expected '" + e.expected() + "', got '" + a.label() + "'"
                            + (a.score() == null ? "" : " (score " + MetricFormat.number(a.score()) + ")");
                }
                case "invariance" -> {
                    JsonNode changed = perturb(e.input(), t.perturbation());
                    PredictionEndpoint.Answer b = endpoint.predict(changed);
                    boolean sameLabel = a.label() == null || a.label().equals(b.label());
                    Double delta = a.score() != null && b.score() != null ? b.score() - a.score() : null;
                    boolean withinTolerance = t.tolerance() == null || delta == null || Math.abs(delta) <= t.tolerance();
                    ok = sameLabel && withinTolerance;
                    if (delta != null) {
                        worst = Double.isNaN(worst) ? Math.abs(delta) : Math.max(worst, Math.abs(delta));
                    }
                    line = "#" + index + ": label '" + a.label() + "' -> '" + b.label() + "'"
                            + (delta == null ? "" : ", score " + MetricFormat.number(a.score()) + " -> "
                            + MetricFormat.number(b.score()) + " (change " + MetricFormat.signed(delta) + ")")
                            + " after " + describe(t.perturbation());
                }
                default -> {
                    JsonNode changed = perturb(e.input(), t.perturbation());
                    PredictionEndpoint.Answer b = endpoint.predict(changed);
                    if (a.score() == null || b.score() == null) {
                        throw BadInputException.at("test '" + t.name() + "'", 0, "the endpoint's answer has no score ("
                                + a.raw() + ")", "point behavioural.response.score at the score in the answer");
                    }
                    double delta = b.score() - a.score();
                    boolean up = "increase".equals(t.expect());
                    double along = up ? delta : -delta;
                    // minChange: must move at least this far; else may move the wrong way by up to tolerance
                    double needed = t.minChange() != null ? t.minChange() : -(t.tolerance() == null ? 0 : t.tolerance());
                    ok = along >= needed;
                    worst = Double.isNaN(worst) ? -along : Math.max(worst, -along);
                    line = "#" + index + ": score " + MetricFormat.number(a.score()) + " -> " + MetricFormat.number(b.score())
                            + " (change " + MetricFormat.signed(delta) + ", expected " + t.expect()
                            + (t.minChange() != null ? " by at least " + MetricFormat.number(t.minChange())
                            : needed < 0 ? " within tolerance " + MetricFormat.number(-needed) : "") + ") after "
                            + describe(t.perturbation());
                }
            }
            if (ok) {
                passed++;
                passes.add(line);
            } else {
                failures.add(line);
            }
        }
        int total = t.examples().size();
        double rate = passed / (double) total;
        double required = t.minPassRate() == null ? 1.0 : t.minPassRate();
        boolean ok = rate >= required;
        List<String> evidence = new ArrayList<>(failures);
        evidence.addAll(passes);
        String message = t.type() + " '" + t.name() + "': " + passed + " of " + total + " examples pass (pass rate "
                + MetricFormat.number(rate) + (ok ? " >= " : " < ") + "required " + MetricFormat.number(required) + ")"
                + (Double.isNaN(worst) ? "" : "; largest score change against expectation " + MetricFormat.number(worst))
                + (failures.isEmpty() ? "" : "; first failure " + failures.get(0));
        return new TestCaseResult(GROUP, t.name(), ok ? "PASSED" : "FAILED", rate, ">= " + MetricFormat.number(required)
                + " pass rate", message, evidence.subList(0, Math.min(MAX_EVIDENCE, evidence.size())));
    }

    static JsonNode perturb(JsonNode input, ModelTestSuite.Perturbation p) {
        ObjectNode out = input.deepCopy();
        if (p.set() != null) {
            p.set().forEach(out::set);
        }
        if (p.add() != null) {
            for (Map.Entry<String, Double> e : p.add().entrySet()) {
                out.put(e.getKey(), number(out, e.getKey()) + e.getValue());
            }
        }
        if (p.scale() != null) {
            for (Map.Entry<String, Double> e : p.scale().entrySet()) {
                out.put(e.getKey(), number(out, e.getKey()) * e.getValue());
            }
        }
        return out;
    }

    private static double number(ObjectNode input, String field) {
        JsonNode v = input.get(field);
        if (v == null || !v.isNumber()) {
            throw BadInputException.at("perturbation", 0, "field '" + field + "' of input " + input + " is "
                    + (v == null ? "missing" : "not a number"), "perturb numeric fields the inputs have");
        }
        return v.asDouble();
    }

    static String describe(ModelTestSuite.Perturbation p) {
        List<String> parts = new ArrayList<>();
        if (p.set() != null) {
            p.set().forEach((k, v) -> parts.add(k + " = " + v));
        }
        if (p.add() != null) {
            p.add().forEach((k, v) -> parts.add(k + " + " + MetricFormat.number(v)));
        }
        if (p.scale() != null) {
            p.scale().forEach((k, v) -> parts.add(k + " x " + MetricFormat.number(v)));
        }
        return String.join(", ", parts).toLowerCase(Locale.ROOT).isEmpty() ? "no change" : String.join(", ", parts);
    }
}
