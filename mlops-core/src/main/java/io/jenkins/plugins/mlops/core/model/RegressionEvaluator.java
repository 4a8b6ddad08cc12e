package io.jenkins.plugins.mlops.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regression metrics as scikit-learn: MSE, RMSE (its square root), MAE, R² (1 - SS_res/SS_tot;
 * 1.0 for a perfect fit of constant labels, 0.0 for an imperfect one) and MAPE
 * (|y - ŷ| / max(|y|, eps), eps = 2^-52, a fraction, not a percentage).
 */
final class RegressionEvaluator implements MetricEvaluator {
    private static final List<String> NAMES = List.of("rmse", "mse", "mae", "r2", "mape");
    private final Predictions p;
    private final int n;

    RegressionEvaluator(Predictions p) {
        this.p = p;
        this.n = p.size();
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public List<String> metricNames() {
        return NAMES;
    }

    private double w(int i, byte[] m) {
        double base = p.weight() == null ? 1 : p.weight()[i];
        return m == null ? base : base * m[i];
    }

    @Override
    public MetricSet evaluate() {
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, String> undefined = new LinkedHashMap<>();
        for (String name : NAMES) {
            double v = function(name, null).apply(null);
            if (Double.isNaN(v)) {
                undefined.put(name, "the sample weights sum to zero");
            } else {
                values.put(name, v);
            }
        }
        return new MetricSet(n, values, undefined, null);
    }

    @Override
    public MetricFunction function(String metric, Object source) {
        return switch (metric) {
            case "mse" -> this::mse;
            case "rmse" -> m -> Math.sqrt(mse(m));
            case "mae" -> this::mae;
            case "r2" -> this::r2;
            case "mape" -> this::mape;
            default -> throw MetricSet.unknownMetric(metric, source, NAMES);
        };
    }

    private double mse(byte[] m) {
        double sum = 0;
        double total = 0;
        double[] y = p.target();
        double[] e = p.estimate();
        for (int i = 0; i < n; i++) {
            double wi = w(i, m);
            double d = y[i] - e[i];
            sum += wi * d * d;
            total += wi;
        }
        return total <= 0 ? Double.NaN : sum / total;
    }

    private double mae(byte[] m) {
        double sum = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double wi = w(i, m);
            sum += wi * Math.abs(p.target()[i] - p.estimate()[i]);
            total += wi;
        }
        return total <= 0 ? Double.NaN : sum / total;
    }

    private double mape(byte[] m) {
        double eps = Math.ulp(1.0);
        double sum = 0;
        double total = 0;
        for (int i = 0; i < n; i++) {
            double wi = w(i, m);
            double y = p.target()[i];
            sum += wi * Math.abs(p.estimate()[i] - y) / Math.max(Math.abs(y), eps);
            total += wi;
        }
        return total <= 0 ? Double.NaN : sum / total;
    }

    private double r2(byte[] m) {
        double total = 0;
        double sumY = 0;
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double wi = w(i, m);
            double y = p.target()[i];
            double d = y - p.estimate()[i];
            total += wi;
            sumY += wi * y;
            residual += wi * d * d;
        }
        if (total <= 0) {
            return Double.NaN;
        }
        double mean = sumY / total;
        double spread = 0;
        for (int i = 0; i < n; i++) {
            double d = p.target()[i] - mean;
            spread += w(i, m) * d * d;
        }
        if (spread == 0) {
            return residual == 0 ? 1.0 : 0.0;
        }
        return 1 - residual / spread;
    }
}
