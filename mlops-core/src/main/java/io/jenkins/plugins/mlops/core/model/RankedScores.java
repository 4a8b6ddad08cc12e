package io.jenkins.plugins.mlops.core.model;

import java.util.Arrays;

/**
 * Scores sorted once, highest first, grouped by distinct value (tied scores form one threshold).
 * ROC AUC and average precision over any example weights are then one pass in this order: the
 * trapezoid over distinct thresholds (scikit-learn's roc_auc_score) and the step sum
 * sum_k (R_k - R_{k-1}) P_k (average_precision_score, not interpolated).
 */
final class RankedScores {
    private final int[] order;
    private final byte[] positive;
    private final int[] groupEnd;

    private RankedScores(int[] order, byte[] positive, int[] groupEnd) {
        this.order = order;
        this.positive = positive;
        this.groupEnd = groupEnd;
    }

    /** @param isPositive whether each example belongs to the positive class */
    static RankedScores of(double[] score, boolean[] isPositive) {
        int n = score.length;
        double[] distinct = new double[n];
        for (int i = 0; i < n; i++) {
            distinct[i] = score[i] + 0.0; // -0.0 and 0.0 are one threshold
        }
        if (n > 50_000) {
            Arrays.parallelSort(distinct);
        } else {
            Arrays.sort(distinct);
        }
        int g = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || distinct[i] != distinct[g - 1]) {
                distinct[g++] = distinct[i];
            }
        }
        int groups = g;
        int[] rank = new int[n];
        int[] counts = new int[groups + 1];
        for (int i = 0; i < n; i++) {
            int r = groups - 1 - Arrays.binarySearch(distinct, 0, groups, score[i] + 0.0);
            rank[i] = r;
            counts[r + 1]++;
        }
        for (int r = 0; r < groups; r++) {
            counts[r + 1] += counts[r];
        }
        int[] groupEnd = Arrays.copyOfRange(counts, 1, groups + 1);
        int[] next = Arrays.copyOf(counts, groups);
        int[] order = new int[n];
        byte[] pos = new byte[n];
        for (int i = 0; i < n; i++) {
            int at = next[rank[i]]++;
            order[at] = i;
            pos[at] = (byte) (isPositive[i] ? 1 : 0);
        }
        return new RankedScores(order, pos, groupEnd);
    }

    /** ROC AUC; NaN when the weighted positives or negatives are zero. */
    double auc(double[] weight, byte[] m) {
        if (weight == null) {
            return aucCounts(m);
        }
        double tp = 0;
        double fp = 0;
        double tpPrev = 0;
        double fpPrev = 0;
        double area = 0;
        int start = 0;
        for (int end : groupEnd) {
            for (int j = start; j < end; j++) {
                int i = order[j];
                double w = m == null ? weight[i] : weight[i] * m[i];
                if (positive[j] == 1) {
                    tp += w;
                } else {
                    fp += w;
                }
            }
            area += (fp - fpPrev) * (tp + tpPrev);
            tpPrev = tp;
            fpPrev = fp;
            start = end;
        }
        return tp <= 0 || fp <= 0 ? Double.NaN : area / (2 * tp * fp);
    }

    /** Integer counts: exact, and the hot loop of the bootstrap. */
    private double aucCounts(byte[] m) {
        long tp = 0;
        long total = 0;
        long tpPrev = 0;
        long fpPrev = 0;
        double area = 0;
        int start = 0;
        final int[] order = this.order;
        final byte[] positive = this.positive;
        for (int end : groupEnd) {
            if (m == null) {
                for (int j = start; j < end; j++) {
                    tp += positive[j];
                }
                total += end - start;
            } else {
                for (int j = start; j < end; j++) {
                    int w = m[order[j]];
                    tp += w * positive[j];
                    total += w;
                }
            }
            long fp = total - tp;
            area += (double) (fp - fpPrev) * (double) (tp + tpPrev);
            tpPrev = tp;
            fpPrev = fp;
            start = end;
        }
        long fp = total - tp;
        return tp == 0 || fp == 0 ? Double.NaN : area / (2.0 * tp * fp);
    }

    /**
     * Average precision (step, not interpolated); NaN when the weighted positives or negatives are
     * zero (with no negatives every ranking scores 1.0, a number that says nothing).
     */
    double averagePrecision(double[] weight, byte[] m) {
        if (weight == null) {
            return averagePrecisionCounts(m);
        }
        double tp = 0;
        double fp = 0;
        double tpPrev = 0;
        double sum = 0;
        int start = 0;
        for (int end : groupEnd) {
            for (int j = start; j < end; j++) {
                int i = order[j];
                double w = weight[i];
                if (m != null) {
                    w *= m[i];
                }
                if (positive[j] == 1) {
                    tp += w;
                } else {
                    fp += w;
                }
            }
            if (tp > tpPrev) {
                sum += (tp - tpPrev) * (tp / (tp + fp));
            }
            tpPrev = tp;
            start = end;
        }
        return tp <= 0 || fp <= 0 ? Double.NaN : sum / tp;
    }

    private double averagePrecisionCounts(byte[] m) {
        long tp = 0;
        long total = 0;
        long tpPrev = 0;
        double sum = 0;
        int start = 0;
        final int[] order = this.order;
        final byte[] positive = this.positive;
        for (int end : groupEnd) {
            if (m == null) {
                for (int j = start; j < end; j++) {
                    tp += positive[j];
                }
                total += end - start;
            } else {
                for (int j = start; j < end; j++) {
                    int w = m[order[j]];
                    tp += w * positive[j];
                    total += w;
                }
            }
            if (tp > tpPrev) {
                sum += (double) (tp - tpPrev) * ((double) tp / total);
            }
            tpPrev = tp;
            start = end;
        }
        return tp == 0 || total == tp ? Double.NaN : sum / tp;
    }
}
