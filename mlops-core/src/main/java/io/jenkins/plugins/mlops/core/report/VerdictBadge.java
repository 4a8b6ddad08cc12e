package io.jenkins.plugins.mlops.core.report;

/** A verdict word as a coloured badge (every stage's section starts with one). */
public record VerdictBadge(String verdict, boolean passed) {
}
