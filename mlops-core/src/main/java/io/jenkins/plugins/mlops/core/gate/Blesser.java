package io.jenkins.plugins.mlops.core.gate;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.model.MetricEvaluator;
import io.jenkins.plugins.mlops.core.model.MetricFunction;
import io.jenkins.plugins.mlops.core.model.MetricSet;
import io.jenkins.plugins.mlops.core.model.PredictionPairing;
import io.jenkins.plugins.mlops.core.model.Predictions;
import io.jenkins.plugins.mlops.core.model.PredictionsReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Blessing (docs/blessing.md): measures every gated metric of the candidate, compares it with
 * the absolute thresholds and, when a baseline exists, with the change thresholds; with
 * per-example predictions of both it puts a paired bootstrap interval on every change.
 * BLESSED only if every check passes.
 */
public final class Blesser {
    static final String DOC = "docs/blessing.md";
    /** MLflow's fallback when the baseline is zero and a relative change is asked for. */
    static final double ZERO_BASELINE_MIN_CHANGE = 1e-10;

    private Blesser() {
    }

    public static BlessingResult bless(BlessRequest request) {
        Path gatesFile = Path.of(request.gatesFile());
        GatesSpec spec = Json.readSpec(gatesFile, GatesSpec.class, DOC);
        validate(spec, gatesFile);
        GatesSpec.BootstrapSpec boot = spec.bootstrapOrDefault();
        List<String> notes = new ArrayList<>();

        Path candidatePath = Path.of(request.candidateFile());
        PredictionsReader reader = new PredictionsReader(spec.columns(), spec.task(), spec.positiveLabel(), gatesFile);
        Predictions candidatePredictions = null;
        MetricEvaluator candidateEval = null;
        Map<String, Double> candidateValues;
        if (MetricsFiles.isPredictionsFile(candidatePath)) {
            candidatePredictions = reader.read(candidatePath);
            candidateEval = MetricEvaluator.of(candidatePredictions);
            MetricSet set = candidateEval.evaluate();
            for (Gate g : spec.gates()) {
                candidateEval.function(g.metric(), gatesFile); // unknown names fail here, before any work
                set.require(g.metric(), candidatePath);
            }
            candidateValues = set.values();
        } else {
            candidateValues = MetricsFiles.read(candidatePath);
            for (Gate g : spec.gates()) {
                if (!candidateValues.containsKey(g.metric())) {
                    throw BadInputException.at(candidatePath, 0, "gated metric '" + g.metric() + "' is not in the candidate's metrics "
                            + candidateValues.keySet(), "add it, or gate on a metric the file has");
                }
            }
            notes.add("The candidate is a metrics file: no per-example predictions, so no bootstrap intervals.");
        }

        Optional<Baseline> baseline = request.baseline() == null ? Optional.empty() : request.baseline().load();
        String baselineDescription = baseline.map(Baseline::description).orElse(null);
        Map<String, Double> baselineValues = Map.of();
        MetricEvaluator baselineEval = null;
        if (baseline.isPresent()) {
            Baseline b = baseline.get();
            if (b.predictions() != null && candidatePredictions != null) {
                Predictions base = PredictionPairing.alignTo(candidatePredictions, reader.read(b.predictions()));
                // both in the candidate's score order: the bootstrap then reads memory in order
                int[] rows = PredictionPairing.scoreOrder(candidatePredictions);
                candidateEval = MetricEvaluator.of(candidatePredictions.subset(rows));
                baselineEval = MetricEvaluator.of(base.subset(rows));
                baselineValues = baselineEval.evaluate().values();
            } else if (b.predictions() != null) {
                baselineValues = MetricEvaluator.of(reader.read(b.predictions())).evaluate().values();
            } else {
                baselineValues = b.metrics();
            }
            for (Gate g : spec.gates()) {
                if (g.hasChangeThreshold() && !baselineValues.containsKey(g.metric())) {
                    throw BadInputException.at(b.description(), 0, "the baseline has no value for gated metric '" + g.metric()
                            + "' (it has " + baselineValues.keySet() + ")",
                            "choose a baseline that measured it, or drop the change threshold on '" + g.metric() + "'");
                }
            }
            if (baselineEval == null && candidatePredictions != null && spec.gates().stream().anyMatch(Gate::hasChangeThreshold)) {
                notes.add("The baseline has no per-example predictions: changes are point estimates without intervals.");
            }
        } else if (spec.gates().stream().anyMatch(Gate::hasChangeThreshold)) {
            notes.add("No baseline" + (request.baseline() == null ? "" : " (" + request.baseline().describe() + " has none yet)")
                    + ": change thresholds are skipped, as for a first model.");
        }

        double[][] samples = null;
        int resamples = boot.resamplesOrDefault();
        if (candidateEval != null && resamples > 0) {
            List<MetricFunction> functions = new ArrayList<>();
            for (Gate g : spec.gates()) {
                functions.add(candidateEval.function(g.metric(), gatesFile));
                if (baselineEval != null) {
                    functions.add(baselineEval.function(g.metric(), gatesFile));
                }
            }
            samples = PoissonBootstrap.run(candidateEval.size(), functions, resamples, boot.seedOrDefault());
        }

        List<GateResult> results = new ArrayList<>();
        int stride = baselineEval != null ? 2 : 1;
        for (int gi = 0; gi < spec.gates().size(); gi++) {
            Gate g = spec.gates().get(gi);
            double[] candSamples = samples == null ? null : samples[gi * stride];
            double[] baseSamples = samples == null || baselineEval == null ? null : samples[gi * stride + 1];
            results.add(decide(g, candidateValues.get(g.metric()), baseline.isPresent() ? baselineValues.get(g.metric()) : null,
                    candSamples, baseSamples, boot.confidenceOrDefault()));
        }
        boolean blessed = results.stream().allMatch(GateResult::passed);
        return new BlessingResult(blessed ? BlessingResult.BLESSED : BlessingResult.NOT_BLESSED, blessed,
                spec.name(), request.gatesFile(), request.candidateFile(), baselineDescription,
                candidatePredictions == null ? null : (long) candidatePredictions.size(), baselineEval != null,
                samples == null ? 0 : resamples, boot.confidenceOrDefault(), boot.seedOrDefault(), results, notes,
                Instant.now());
    }

    static void validate(GatesSpec spec, Path file) {
        if (spec.gates() == null || spec.gates().isEmpty()) {
            throw BadInputException.at(file, 0, "field 'gates': no gates", "list at least one gate; see " + DOC);
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.gates().size(); i++) {
            Gate g = spec.gates().get(i);
            String where = "field 'gates[" + i + "]'";
            if (g == null || g.metric() == null || g.metric().isBlank()) {
                throw BadInputException.at(file, 0, where + ": 'metric' is missing", "name the metric to gate, e.g. metric: roc_auc");
            }
            if (!seen.add(g.metric())) {
                throw BadInputException.at(file, 0, where + ": metric '" + g.metric() + "' is gated twice",
                        "put all thresholds of a metric into one gate");
            }
            if (g.higherIsBetter() == null) {
                throw BadInputException.at(file, 0, where + " (" + g.metric() + "): 'higherIsBetter' is missing",
                        "say which direction is better: higherIsBetter: true (accuracy, roc_auc) or false (log_loss, rmse)");
            }
            if (g.threshold() == null && !g.hasChangeThreshold()) {
                throw BadInputException.at(file, 0, where + " (" + g.metric() + "): no threshold",
                        "give 'threshold', 'minAbsoluteChange' or 'minRelativeChange'");
            }
        }
        GatesSpec.BootstrapSpec b = spec.bootstrapOrDefault();
        if (b.resamplesOrDefault() < 0 || b.resamplesOrDefault() > 100_000) {
            throw BadInputException.at(file, 0, "field 'bootstrap.resamples': " + b.resamplesOrDefault() + " is out of range",
                    "use 0 (no intervals) to 100000; 1000 is a good default");
        }
        if (!(b.confidenceOrDefault() > 0 && b.confidenceOrDefault() < 1)) {
            throw BadInputException.at(file, 0, "field 'bootstrap.confidence': " + b.confidenceOrDefault() + " is not in (0, 1)",
                    "use e.g. 0.95");
        }
    }

    static GateResult decide(Gate g, double candidate, Double baseline, double[] candSamples, double[] baseSamples,
                             double confidence) {
        boolean hib = g.higherIsBetter();
        if (!Double.isFinite(candidate) || baseline != null && !Double.isFinite(baseline)) {
            return notFinite(g, candidate, baseline);
        }
        boolean useInterval = g.intervalRequired();
        List<GateCheck> checks = new ArrayList<>();
        Interval candInterval = candSamples == null ? null : Interval.of(candSamples, confidence);
        String ci = MetricFormat.percent(confidence) + " CI";
        if (g.threshold() != null) {
            double t = g.threshold();
            String relation = hib ? ">=" : "<=";
            if (useInterval && candInterval == null) {
                checks.add(new GateCheck("threshold", t, null, "interval bound", "FAILED", g.metric() + " must be " + relation
                        + " " + MetricFormat.number(t) + " at the " + ci + " bound, but there is no interval (the candidate has no "
                        + "per-example predictions); measured " + MetricFormat.number(candidate)));
            } else {
                double measured = useInterval ? (hib ? candInterval.lower() : candInterval.upper()) : candidate;
                boolean pass = hib ? measured >= t : measured <= t;
                String what = useInterval ? (hib ? "lower" : "upper") + " bound of the " + ci : "value";
                String text = g.metric() + " " + what + " " + MetricFormat.number(measured) + (pass ? " meets " : " fails ")
                        + relation + " " + MetricFormat.number(t)
                        + (useInterval ? " (point " + MetricFormat.number(candidate) + ")" : "")
                        + (pass ? "" : ", short by " + MetricFormat.number(Math.abs(measured - t)));
                checks.add(new GateCheck("threshold", t, measured, useInterval ? what : "point",
                        pass ? "PASSED" : "FAILED", text));
            }
        }
        Double delta = null;
        Double relative = null;
        Interval deltaInterval = null;
        Interval relativeInterval = null;
        if (baseline != null) {
            delta = candidate - baseline;
            relative = baseline == 0 ? null : delta / Math.abs(baseline);
            if (candSamples != null && baseSamples != null) {
                double[] d = new double[candSamples.length];
                double[] r = new double[candSamples.length];
                for (int b = 0; b < d.length; b++) {
                    d[b] = candSamples[b] - baseSamples[b];
                    r[b] = baseSamples[b] == 0 ? Double.NaN : d[b] / Math.abs(baseSamples[b]);
                }
                deltaInterval = Interval.of(d, confidence);
                relativeInterval = baseline == 0 ? null : Interval.of(r, confidence);
            }
        }
        String direction = hib ? "higher is better" : "lower is better";
        if (g.minAbsoluteChange() != null) {
            checks.add(changeCheck(g, "absolute_change", g.minAbsoluteChange(), baseline, candidate, delta, deltaInterval,
                    useInterval, ci, direction));
        }
        if (g.minRelativeChange() != null) {
            if (baseline != null && baseline == 0) {
                GateCheck c = changeCheck(g, "absolute_change", ZERO_BASELINE_MIN_CHANGE, baseline, candidate, delta,
                        deltaInterval, useInterval, ci, direction);
                checks.add(new GateCheck("relative_change", g.minRelativeChange(), c.measured(), c.measuredAs(), c.status(),
                        "baseline is 0, so the relative change is undefined; required an improvement of at least 1e-10 instead: "
                                + c.message()));
            } else {
                checks.add(changeCheck(g, "relative_change", g.minRelativeChange(), baseline, candidate, relative,
                        relativeInterval, useInterval, ci, direction));
            }
        }
        boolean passed = checks.stream().noneMatch(GateCheck::failed);
        return new GateResult(g.metric(), hib, candidate, candInterval, baseline, delta, deltaInterval, relative,
                relativeInterval, checks, passed);
    }

    /**
     * A NaN or infinite value (MLflow logs them) decides nothing: +Infinity would pass every
     * higher-is-better threshold, so each check the gate has fails and says why.
     */
    private static GateResult notFinite(Gate g, double candidate, Double baseline) {
        String why = !Double.isFinite(candidate) ? "the candidate's " + g.metric() + " is " + candidate
                : "the baseline's " + g.metric() + " is " + baseline;
        String message = g.metric() + ": " + why + ", not a finite number, so the gate cannot pass; "
                + "log a finite value (or gate on another metric)";
        List<GateCheck> checks = new ArrayList<>();
        if (g.threshold() != null) {
            checks.add(new GateCheck("threshold", g.threshold(), null, null, "FAILED", message));
        }
        if (g.minAbsoluteChange() != null) {
            checks.add(new GateCheck("absolute_change", g.minAbsoluteChange(), null, null, "FAILED", message));
        }
        if (g.minRelativeChange() != null) {
            checks.add(new GateCheck("relative_change", g.minRelativeChange(), null, null, "FAILED", message));
        }
        if (checks.isEmpty()) {
            checks.add(new GateCheck("threshold", Double.NaN, null, null, "FAILED", message));
        }
        return new GateResult(g.metric(), g.higherIsBetter(), candidate, null, baseline, null, null, null, null, checks,
                false);
    }

    private static GateCheck changeCheck(Gate g, String kind, double required, Double baseline, double candidate,
                                         Double change, Interval changeInterval, boolean useInterval, String ci,
                                         String direction) {
        boolean relative = kind.equals("relative_change");
        String label = relative ? "relative improvement" : "improvement";
        if (baseline == null) {
            return new GateCheck(kind, required, null, null, "SKIPPED", g.metric() + ": no baseline, " + label
                    + " not checked (candidate " + MetricFormat.number(candidate) + ")");
        }
        double sign = g.higherIsBetter() ? 1 : -1;
        double improvement = sign * change;
        Interval improvementInterval = changeInterval == null ? null
                : g.higherIsBetter() ? changeInterval : changeInterval.negated();
        String head = g.metric() + " " + MetricFormat.number(baseline) + " -> " + MetricFormat.number(candidate) + " ("
                + direction + "): " + label + " " + fmt(improvement, relative)
                + (improvementInterval == null ? "" : " [" + ci + " " + fmt(improvementInterval.lower(), relative) + " .. "
                + fmt(improvementInterval.upper(), relative) + "]");
        if (useInterval && improvementInterval == null) {
            return new GateCheck(kind, required, null, "interval bound", "FAILED", head + "; the gate needs the interval's lower"
                    + " bound to be >= " + fmt(required, relative) + " but there is no interval (the baseline or candidate"
                    + " has no per-example predictions)");
        }
        double measured = useInterval ? improvementInterval.lower() : improvement;
        boolean pass = measured >= required;
        String what = useInterval ? "lower bound " : "";
        return new GateCheck(kind, required, measured, useInterval ? "interval lower bound" : "point",
                pass ? "PASSED" : "FAILED", head + "; " + what + fmt(measured, relative) + (pass ? " meets" : " fails")
                + " >= " + fmt(required, relative)
                + (pass ? "" : ", short by " + fmt(required - measured, relative)));
    }

    private static String fmt(double v, boolean relative) {
        return relative ? MetricFormat.signedPercent(v) : MetricFormat.signed(v);
    }
}
