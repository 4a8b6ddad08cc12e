package io.jenkins.plugins.mlops.core.data;

import java.io.Serializable;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A feature's quantiles and histogram as lists backed by arrays of doubles, their elements made
 * when read. Read or written as JSON they are the same lists of records; in memory a feature's 9
 * quantiles and 10 buckets cost three small arrays instead of 19 objects and their lists, about
 * 450 bytes less per feature and dataset (90 MB for 100,000 columns and a reference).
 */
final class ArrayBackedLists {
    private ArrayBackedLists() {
    }

    /** {@code ranks} is shared by every feature and must not change. */
    static List<FeatureStatistics.Quantile> quantiles(double[] ranks, double[] values) {
        return new Quantiles(ranks, values);
    }

    static List<FeatureStatistics.Bucket> buckets(double[] lows, double[] highs, double[] counts) {
        return new Buckets(lows, highs, counts);
    }

    private static final class Quantiles extends AbstractList<FeatureStatistics.Quantile>
            implements RandomAccess, Serializable {
        private final double[] ranks;
        private final double[] values;

        Quantiles(double[] ranks, double[] values) {
            this.ranks = ranks;
            this.values = values;
        }

        @Override
        public FeatureStatistics.Quantile get(int index) {
            return new FeatureStatistics.Quantile(ranks[index], values[index]);
        }

        @Override
        public int size() {
            return values.length;
        }
    }

    private static final class Buckets extends AbstractList<FeatureStatistics.Bucket>
            implements RandomAccess, Serializable {
        private final double[] lows;
        private final double[] highs;
        private final double[] counts;

        Buckets(double[] lows, double[] highs, double[] counts) {
            this.lows = lows;
            this.highs = highs;
            this.counts = counts;
        }

        @Override
        public FeatureStatistics.Bucket get(int index) {
            return new FeatureStatistics.Bucket(lows[index], highs[index], counts[index]);
        }

        @Override
        public int size() {
            return counts.length;
        }
    }
}
