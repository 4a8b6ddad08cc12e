package io.jenkins.plugins.mlops.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import io.jenkins.plugins.mlops.core.data.CycleFixtureDataSide;
import io.jenkins.plugins.mlops.core.report.CycleFixtureReportSide;
import io.jenkins.plugins.mlops.core.report.StageReports;
import io.jenkins.plugins.mlops.core.track.StageResult;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Core's layers, checked on its compiled main classes: the stage packages (data, gate, infra,
 * model, registry, rollout, track) sit on shared ones below them (error, format, io, stage), and
 * core.report sits on top of them all. The plugin's ArchitectureTest holds the glue's rules.
 */
public class CoreArchitectureTest {
    private static final String CORE = "io.jenkins.plugins.mlops.core";
    private static final String REPORT = CORE + ".report..";

    /** No cycle between core's packages (each core.X with its sub-packages is one slice). */
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching(CORE + ".(*)..").should().beFreeOfCycles();

    /** Only core.report depends on core.report: the stages and what they share sit below it. */
    static final ArchRule REPORT_ON_TOP = noClasses().that().resideInAPackage(CORE + "..")
            .and().resideOutsideOfPackage(REPORT)
            .should().dependOnClassesThat().resideInAPackage(REPORT);

    static final ArchRule NO_JENKINS_OR_CLI_TYPES = noClasses().that().resideInAPackage(CORE + "..")
            .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..",
                    "org.jenkinsci..", "picocli..", "io.jenkins.plugins.mlops.cli..");

    /** A stage result is made in one place, from a stage's Result (reading a stored one is Jackson's). */
    static final ArchRule ONE_PLACE_MAKES_STAGE_RESULTS = noClasses().that().resideInAPackage(CORE + "..")
            .and().doNotBelongToAnyOf(StageReports.class)
            .should().callConstructor(StageResult.class, String.class, String.class, boolean.class, String.class,
                    java.time.Instant.class, com.fasterxml.jackson.databind.JsonNode.class, java.util.List.class);

    private static JavaClasses core;

    @BeforeClass
    public static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(CORE);
        assertThat(core.stream().filter(c -> c.getPackageName().startsWith(CORE + ".report")))
                .as("core.report's classes were imported").isNotEmpty();
        assertThat(core.stream().filter(c -> c.getPackageName().equals(CORE + ".data")))
                .as("core.data's classes were imported").isNotEmpty();
    }

    @Test
    public void corePackagesHaveNoCycles() {
        NO_PACKAGE_CYCLES.check(core);
    }

    @Test
    public void noCorePackageButReportDependsOnReport() {
        REPORT_ON_TOP.check(core);
    }

    @Test
    public void coreUsesNoJenkinsNorCliTypes() {
        NO_JENKINS_OR_CLI_TYPES.check(core);
    }

    @Test
    public void onlyStageReportsMakesAStageResult() {
        ONE_PLACE_MAKES_STAGE_RESULTS.check(core);
    }

    @Test
    public void theCycleRuleReportsADataClassAndAReportClassThatUseEachOther() {
        JavaClasses cycle = new ClassFileImporter().importClasses(CycleFixtureDataSide.class, CycleFixtureReportSide.class);

        EvaluationResult result = NO_PACKAGE_CYCLES.evaluate(cycle);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains("Cycle detected").contains("data").contains("report");
    }

    @Test
    public void theLayerRuleReportsADataClassThatUsesReport() {
        JavaClasses cycle = new ClassFileImporter().importClasses(CycleFixtureDataSide.class, CycleFixtureReportSide.class);

        EvaluationResult result = REPORT_ON_TOP.evaluate(cycle);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().toString()).contains(CycleFixtureDataSide.class.getName());
    }
}
