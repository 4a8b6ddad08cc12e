package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.report.CycleFixtureReportSide;

/**
 * Test fixture: a data class that uses core.report, as data did before the stage contract (its
 * counterpart uses data back). CoreArchitectureTest shows its rules report this cycle.
 */
public final class CycleFixtureDataSide {
    public String render() {
        return new CycleFixtureReportSide().toString();
    }
}
