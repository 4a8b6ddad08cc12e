package io.jenkins.plugins.mlops.core.report.chart;

/**
 * Series colours are CSS classes {@code mlops-c0} ... {@code mlops-c9} (mlops.css), not inline
 * styles, so pages keep a strict Content-Security-Policy. Ten colours of the Okabe–Ito and
 * Tableau palettes, distinguishable by colour-blind readers.
 */
public final class Palette {
    public static final int SIZE = 10;

    private Palette() {
    }
}
