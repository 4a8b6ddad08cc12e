package io.jenkins.plugins.mlops.core.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.Serializable;
import java.util.List;

/**
 * Statistics of one feature over a whole dataset.
 *
 * @param rows          rows of the dataset (the denominator of presence)
 * @param present       rows with a non-empty value
 * @param intValues     values written as whole numbers
 * @param floatValues   values written as other numbers (including NaN and Infinity)
 * @param stringValues  values that are not numbers
 * @param distinct      distinct values: exact up to 384, then a HyperLogLog estimate within 4.9 % (three
 *                      standard errors, 99.7 % confidence)
 * @param numeric       over the finite numbers, {@code null} when there are none
 * @param strings       over the string values, {@code null} when there are none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeatureStatistics(String name, FeatureType inferredType, long rows, long present, long missing,
                                double presentFraction, long intValues, long floatValues, long stringValues,
                                long distinct, NumericStatistics numeric, StringStatistics strings)
        implements Serializable {

    /** One bucket of a histogram, {@code [low, high)} (the last one closed). */
    public record Bucket(double low, double high, double count) implements Serializable {
    }

    /**
     * @param count     finite numbers
     * @param quantiles p0, p1, p5, p25, p50, p75, p95, p99, p100: exact up to 32,768 values, else each within
     *                  1.1 to 1.8 % of its rank (a weighted sample, 99 % confidence; NumericSketch.rankError)
     * @param histogram 10 equal-width buckets over [min, max]: exact up to 32,768 values, else each
     *                  bucket within 1.0 to 1.6 % of the values (NumericSketch.bucketError)
     */
    public record NumericStatistics(long count, double min, double max, double mean, double stddev, long nan,
                                    long infinite, List<Quantile> quantiles, List<Bucket> histogram)
            implements Serializable {
    }

    public record Quantile(double rank, double value) implements Serializable {
    }

    public record ValueCount(String value, long count) implements Serializable {
    }

    /**
     * @param topValues the most frequent values with their counts (exact while there are fewer than
     *                  about 750 distinct values, else estimates from the frequent-items sketch)
     */
    public record StringStatistics(long count, List<ValueCount> topValues, long minLength, double meanLength,
                                   long maxLength) implements Serializable {
    }
}
