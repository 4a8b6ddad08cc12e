package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.data.CycleFixtureDataSide;

/** Test fixture: the report side of the cycle in {@link CycleFixtureDataSide}. */
public final class CycleFixtureReportSide {
    public CycleFixtureDataSide source() {
        return new CycleFixtureDataSide();
    }
}
