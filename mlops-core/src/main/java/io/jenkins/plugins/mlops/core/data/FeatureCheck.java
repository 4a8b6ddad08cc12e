package io.jenkins.plugins.mlops.core.data;

import java.io.Serializable;

/**
 * One check of one feature (or of the dataset, feature {@code "(dataset)"}), passed or not: one
 * JUnit test case, one table row.
 *
 * @param check    {@code present}, {@code type}, {@code domain}, {@code values}, {@code presence},
 *                 {@code nulls}, {@code drift}, {@code skew}, {@code columns}, {@code rows}, {@code parse}
 * @param severity the severity of the anomaly when the check failed, else {@code null}
 */
public record FeatureCheck(String feature, String check, boolean passed, Severity severity, String measured,
                           String expected) implements Serializable {
}
