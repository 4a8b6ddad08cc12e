package io.jenkins.plugins.mlops.core.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification metrics with scikit-learn's definitions (docs/model-tests.md#metrics): accuracy;
 * precision, recall and F1 per class and micro/macro/weighted over the classes present in labels
 * or predictions (zero when a denominator is zero, as {@code zero_division=0}); binary precision,
 * recall, F1, ROC AUC and average precision for the positive class; one-vs-rest ROC AUC (macro and
 * prevalence-weighted) and average precision (macro) for more classes; log loss with
 * probabilities clipped to [eps, 1-eps] (eps = 2^-52) and rows renormalised; expected calibration
 * error over 10 equal-width confidence bins.
 */
final class ClassificationEvaluator implements MetricEvaluator {
    static final double EPS = Math.ulp(1.0);
    static final int ECE_BINS = 10;
    private static final String[] AVERAGES = {"micro", "macro", "weighted"};

    private final Predictions p;
    private final int n;
    private final int k;
    private final double[] weight;
    private final boolean[] present;
    private final boolean[] inLabels;
    private final int labelClasses;
    private final RankedScores[] ranked;
    private final double[] loss;
    private final String lossUndefined;
    private final byte[] eceBin;
    private final double[] eceGap;

    ClassificationEvaluator(Predictions p) {
        this.p = p;
        this.n = p.size();
        this.k = p.classes().size();
        this.weight = p.weight();
        present = new boolean[k];
        inLabels = new boolean[k];
        for (int i = 0; i < n; i++) {
            present[p.label()[i]] = true;
            inLabels[p.label()[i]] = true;
            present[p.predicted()[i]] = true;
        }
        int c = 0;
        for (boolean b : inLabels) {
            c += b ? 1 : 0;
        }
        labelClasses = c;
        ranked = new RankedScores[k];
        if (p.binary() && p.score() != null) {
            ranked[p.positive()] = RankedScores.of(p.score(), isClass(p.positive()));
        } else if (p.probabilities() != null) {
            for (int j = 0; j < k; j++) {
                ranked[j] = RankedScores.of(p.probabilities()[j], isClass(j));
            }
        }
        String probabilityProblem = probabilityProblem();
        if (probabilityProblem == null) {
            loss = new double[n];
            eceBin = new byte[n];
            eceGap = new double[n];
            fillLossAndCalibration();
        } else {
            loss = null;
            eceBin = null;
            eceGap = null;
        }
        lossUndefined = probabilityProblem != null ? probabilityProblem
                : labelClasses < 2 ? "only one class (" + onlyLabel() + ") appears in the labels" : null;
    }

    private boolean[] isClass(int cls) {
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            out[i] = p.label()[i] == cls;
        }
        return out;
    }

    private String onlyLabel() {
        for (int j = 0; j < k; j++) {
            if (inLabels[j]) {
                return "'" + p.classes().get(j) + "'";
            }
        }
        return "none";
    }

    private String probabilityProblem() {
        if (p.probabilities() == null && p.score() == null) {
            return "the predictions carry no scores or probabilities";
        }
        if (p.probabilities() != null) {
            for (double[] column : p.probabilities()) {
                for (double v : column) {
                    if (v < 0 || v > 1) {
                        return "a probability lies outside [0, 1] (" + v + ")";
                    }
                }
            }
        } else {
            for (double v : p.score()) {
                if (v < 0 || v > 1) {
                    return "the scores are not probabilities: " + v + " lies outside [0, 1]";
                }
            }
        }
        return null;
    }

    private void fillLossAndCalibration() {
        int[] y = p.label();
        if (p.probabilities() != null) {
            double[][] pr = p.probabilities();
            for (int i = 0; i < n; i++) {
                double sum = 0;
                int best = 0;
                for (int j = 0; j < k; j++) {
                    sum += clip(pr[j][i]);
                    if (pr[j][i] > pr[best][i]) {
                        best = j;
                    }
                }
                loss[i] = -Math.log(clip(pr[y[i]][i]) / sum);
                calibration(i, pr[best][i], best == y[i]);
            }
        } else {
            double[] s = p.score();
            int pos = p.positive();
            for (int i = 0; i < n; i++) {
                double p1 = clip(s[i]);
                double p0 = 1 - p1;
                double sum = p0 + p1;
                loss[i] = -Math.log((y[i] == pos ? p1 : p0) / sum);
                double q0 = 1 - s[i];
                boolean positiveWins = s[i] > q0;
                calibration(i, positiveWins ? s[i] : q0, (positiveWins ? pos : 1 - pos) == y[i]);
            }
        }
    }

    private void calibration(int i, double confidence, boolean correct) {
        eceBin[i] = (byte) Math.min((int) Math.floor(confidence * ECE_BINS), ECE_BINS - 1);
        eceGap[i] = (correct ? 1.0 : 0.0) - confidence;
    }

    private static double clip(double v) {
        return Math.min(Math.max(v, EPS), 1 - EPS);
    }

    private double[][] unitConfusion;

    private double[][] confusionCached(byte[] m) {
        if (m != null) {
            return confusion(m);
        }
        if (unitConfusion == null) {
            unitConfusion = confusion(null);
        }
        return unitConfusion;
    }

    private double w(int i, byte[] m) {
        double base = weight == null ? 1 : weight[i];
        return m == null ? base : base * m[i];
    }

    @Override
    public int size() {
        return n;
    }

    private String cls(int j) {
        return p.classes().get(j);
    }

    @Override
    public List<String> metricNames() {
        List<String> names = new ArrayList<>();
        names.add("accuracy");
        if (p.binary()) {
            names.addAll(List.of("precision", "recall", "f1"));
        }
        for (String base : new String[] {"precision", "recall", "f1"}) {
            for (String avg : AVERAGES) {
                names.add(base + "_" + avg);
            }
        }
        for (int j = 0; j < k; j++) {
            if (present[j]) {
                for (String base : new String[] {"precision", "recall", "f1"}) {
                    names.add(base + "[" + cls(j) + "]");
                }
            }
        }
        names.add("roc_auc");
        if (!p.binary()) {
            names.add("roc_auc_weighted");
            for (int j = 0; j < k; j++) {
                names.add("roc_auc[" + cls(j) + "]");
            }
        }
        names.add("average_precision");
        if (!p.binary()) {
            for (int j = 0; j < k; j++) {
                names.add("average_precision[" + cls(j) + "]");
            }
        }
        names.add("log_loss");
        names.add("ece");
        return names;
    }

    @Override
    public MetricSet evaluate() {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> undefined = new LinkedHashMap<>();
        for (String name : metricNames()) {
            double v = function(name, null).apply(null);
            if (Double.isNaN(v)) {
                undefined.put(name, undefinedReason(name));
            } else {
                values.put(name, v);
            }
        }
        List<String> labels = new ArrayList<>();
        List<Integer> idx = new ArrayList<>();
        for (int j = 0; j < k; j++) {
            if (present[j]) {
                labels.add(cls(j));
                idx.add(j);
            }
        }
        double[][] full = confusion(null);
        double[][] cm = new double[idx.size()][idx.size()];
        for (int a = 0; a < idx.size(); a++) {
            for (int b = 0; b < idx.size(); b++) {
                cm[a][b] = full[idx.get(a)][idx.get(b)];
            }
        }
        return new MetricSet(n, values, undefined, new ConfusionMatrix(labels, cm));
    }

    private String undefinedReason(String name) {
        if (name.startsWith("log_loss") || name.startsWith("ece")) {
            return lossUndefined;
        }
        if (ranked[p.binary() ? p.positive() : 0] == null) {
            return "the predictions carry no " + (p.binary() ? "score" : "probability columns");
        }
        if (name.startsWith("roc_auc") || name.startsWith("average_precision")) {
            List<String> absent = new ArrayList<>();
            for (int j = 0; j < k; j++) {
                if (!inLabels[j]) {
                    absent.add("'" + cls(j) + "'");
                }
            }
            if (!absent.isEmpty()) {
                return "class " + String.join(", ", absent) + " never appears in the labels (only "
                        + labelClasses + " class(es) present); ranking metrics need positives and negatives";
            }
            return "the labels hold no positive or no negative example";
        }
        return "not defined on these predictions";
    }

    @Override
    public MetricFunction function(String metric, Object source) {
        String base = metric;
        int cls = -1;
        int bracket = metric.indexOf('[');
        if (bracket > 0 && metric.endsWith("]")) {
            base = metric.substring(0, bracket);
            cls = p.classes().indexOf(metric.substring(bracket + 1, metric.length() - 1));
            if (cls < 0) {
                throw MetricSet.unknownMetric(metric, source, metricNames());
            }
        }
        final int c = cls;
        final String kind = base;
        switch (base) {
            case "accuracy":
                if (c < 0) {
                    return this::accuracy;
                }
                break;
            case "precision":
            case "recall":
            case "f1":
                if (c >= 0 && present[c]) {
                    return m -> perClass(confusionCached(m), c)[indexOf(kind)];
                }
                if (c < 0 && p.binary()) {
                    return m -> perClass(confusionCached(m), p.positive())[indexOf(kind)];
                }
                break;
            case "precision_micro":
            case "recall_micro":
            case "f1_micro":
            case "precision_macro":
            case "recall_macro":
            case "f1_macro":
            case "precision_weighted":
            case "recall_weighted":
            case "f1_weighted":
                if (c < 0) {
                    String[] parts = base.split("_");
                    return m -> averaged(confusionCached(m), parts[1])[indexOf(parts[0])];
                }
                break;
            case "roc_auc":
                if (c < 0 && p.binary()) {
                    return m -> ranked[p.positive()] == null ? Double.NaN : ranked[p.positive()].auc(weight, m);
                }
                if (!p.binary()) {
                    return c >= 0 ? m -> ranked[c] == null ? Double.NaN : ranked[c].auc(weight, m) : m -> ovr(m, false, true);
                }
                break;
            case "roc_auc_weighted":
                if (c < 0 && !p.binary()) {
                    return m -> ovr(m, true, true);
                }
                break;
            case "average_precision":
                if (c < 0 && p.binary()) {
                    return m -> ranked[p.positive()] == null ? Double.NaN
                            : ranked[p.positive()].averagePrecision(weight, m);
                }
                if (!p.binary()) {
                    return c >= 0 ? m -> ranked[c] == null ? Double.NaN : ranked[c].averagePrecision(weight, m)
                            : m -> ovr(m, false, false);
                }
                break;
            case "log_loss":
                if (c < 0) {
                    return this::logLoss;
                }
                break;
            case "ece":
                if (c < 0) {
                    return this::ece;
                }
                break;
            default:
                break;
        }
        throw MetricSet.unknownMetric(metric, source, metricNames());
    }

    private static int indexOf(String base) {
        return switch (base) {
            case "precision" -> 0;
            case "recall" -> 1;
            default -> 2;
        };
    }

    double[][] confusion(byte[] m) {
        double[][] cm = new double[k][k];
        int[] y = p.label();
        int[] yp = p.predicted();
        for (int i = 0; i < n; i++) {
            cm[y[i]][yp[i]] += w(i, m);
        }
        return cm;
    }

    private double accuracy(byte[] m) {
        if (weight == null) {
            long right = 0;
            long total = 0;
            int[] y = p.label();
            int[] yp = p.predicted();
            for (int i = 0; i < n; i++) {
                int wi = m == null ? 1 : m[i];
                total += wi;
                right += y[i] == yp[i] ? wi : 0;
            }
            return total == 0 ? Double.NaN : (double) right / total;
        }
        double right = 0;
        double total = 0;
        int[] y = p.label();
        int[] yp = p.predicted();
        for (int i = 0; i < n; i++) {
            double wi = w(i, m);
            total += wi;
            if (y[i] == yp[i]) {
                right += wi;
            }
        }
        return total <= 0 ? Double.NaN : right / total;
    }

    /** {precision, recall, f1, support} of one class. */
    private double[] perClass(double[][] cm, int c) {
        double tp = cm[c][c];
        double predicted = 0;
        double actual = 0;
        for (int j = 0; j < k; j++) {
            predicted += cm[j][c];
            actual += cm[c][j];
        }
        return prf(tp, predicted, actual);
    }

    private static double[] prf(double tp, double predicted, double actual) {
        double precision = predicted > 0 ? tp / predicted : 0;
        double recall = actual > 0 ? tp / actual : 0;
        double denom = precision + recall;
        double f1 = denom > 0 ? 2 * precision * recall / denom : 0;
        return new double[] {precision, recall, f1, actual};
    }

    private double[] averaged(double[][] cm, String average) {
        double[] out = new double[3];
        if (average.equals("micro")) {
            double tp = 0;
            double predicted = 0;
            double actual = 0;
            for (int c = 0; c < k; c++) {
                if (!present[c]) {
                    continue;
                }
                for (int j = 0; j < k; j++) {
                    predicted += cm[j][c];
                    actual += cm[c][j];
                }
                tp += cm[c][c];
            }
            return prf(tp, predicted, actual);
        }
        double totalSupport = 0;
        int classes = 0;
        for (int c = 0; c < k; c++) {
            if (!present[c]) {
                continue;
            }
            double[] one = perClass(cm, c);
            double wc = average.equals("weighted") ? one[3] : 1;
            for (int i = 0; i < 3; i++) {
                out[i] += wc * one[i];
            }
            totalSupport += one[3];
            classes++;
        }
        double divisor = average.equals("weighted") ? totalSupport : classes;
        for (int i = 0; i < 3; i++) {
            out[i] = divisor > 0 ? out[i] / divisor : 0;
        }
        return out;
    }

    /** One-vs-rest over every class: macro or prevalence-weighted mean; NaN if any class is undefined. */
    private double ovr(byte[] m, boolean weighted, boolean auc) {
        double sum = 0;
        double weights = 0;
        double[] support = weighted ? classSupport(m) : null;
        for (int c = 0; c < k; c++) {
            if (ranked[c] == null) {
                return Double.NaN;
            }
            double v = auc ? ranked[c].auc(weight, m) : ranked[c].averagePrecision(weight, m);
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            double wc = weighted ? support[c] : 1;
            sum += wc * v;
            weights += wc;
        }
        return sum / weights;
    }

    private double[] classSupport(byte[] m) {
        double[] support = new double[k];
        int[] y = p.label();
        for (int i = 0; i < n; i++) {
            support[y[i]] += w(i, m);
        }
        return support;
    }

    private double logLoss(byte[] m) {
        if (lossUndefined != null) {
            return Double.NaN;
        }
        double sum = 0;
        double total = 0;
        if (weight == null && m != null) {
            for (int i = 0; i < n; i++) {
                int wi = m[i];
                sum += wi * loss[i];
                total += wi;
            }
        } else {
            for (int i = 0; i < n; i++) {
                double wi = w(i, m);
                sum += wi * loss[i];
                total += wi;
            }
        }
        return total <= 0 ? Double.NaN : sum / total;
    }

    private double ece(byte[] m) {
        if (eceBin == null) {
            return Double.NaN;
        }
        double[] gap = new double[ECE_BINS];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double wi = w(i, m);
            gap[eceBin[i]] += wi * eceGap[i];
            total += wi;
        }
        double sum = 0;
        for (double g : gap) {
            sum += Math.abs(g);
        }
        return total <= 0 ? Double.NaN : sum / total;
    }
}
