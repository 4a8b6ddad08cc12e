package io.jenkins.plugins.mlops.core.infra;

import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.report.JUnitReport;
import io.jenkins.plugins.mlops.core.report.Templates;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an infra validation's outputs into a run directory (HTML section, JUnit XML, result
 * JSON, full server log) and returns the {@link StageResult} to record under "infraValidation".
 */
public final class InfraReports {
    public static final String DIR = "infra-validation";

    private InfraReports() {
    }

    /** What the template shows, with values already formatted. */
    public record View(InfraValidationResult result) {
        public String cpus() {
            return fmt(result.cpuLimit());
        }

        public String loadTime() {
            return result.loadTimeSeconds() == null ? "never ready" : fmt(result.loadTimeSeconds()) + " s"
                    + (result.launchAttempts() > 1 ? " (launch attempt " + result.launchAttempts() + ")" : "");
        }

        public String peakMemory() {
            return result.peakMemoryBytes() <= 0 ? "not measured" : fmt(result.peakMemoryBytes() / 1048576.0) + " MiB of "
                    + result.memoryLimitMb() + " MiB" + (result.outOfMemory() ? " — OUT OF MEMORY" : "");
        }

        public String exit() {
            return result.exitCode() == null ? "running until teardown" : "status " + result.exitCode()
                    + (result.outOfMemory() ? " (killed: out of memory)" : "");
        }

        public String teardown() {
            Teardown t = result.teardown();
            return (t.clean() ? "clean" : "LEFT BEHIND: " + String.join("; ", t.leftovers())) + " in " + fmt(t.seconds())
                    + " s, " + t.processesKilled() + " process(es) killed";
        }

        public String fmt(double v) {
            return InfraValidator.fmt(v);
        }

        public String pct(double v) {
            return InfraValidator.pct(v);
        }
    }

    /** The HTML fragment (escaped by the template engine). */
    public static String html(InfraValidationResult result) {
        return Templates.render("infra/section.jte", new View(result));
    }

    /** One JUnit test case per check; a failed check's message holds measured and expected values. */
    public static JUnitReport junit(InfraValidationResult result) {
        List<JUnitReport.Case> cases = new ArrayList<>();
        for (Check c : result.checks()) {
            String className = "infraValidation." + c.kind();
            String details = (c.measured() == null ? "" : "measured: " + c.measured())
                    + (c.expected() == null ? "" : "; expected: " + c.expected());
            if (c.skipped()) {
                cases.add(new JUnitReport.Case(className, c.name(), 0, c.message(), null, true));
            } else if (c.passed()) {
                cases.add(JUnitReport.Case.passed(className, c.name(), details));
            } else {
                String log = String.join("\n", result.serverLogTail());
                cases.add(JUnitReport.Case.failed(className, c.name(), c.message(),
                        c.message() + "\n" + details + "\n--- server log (last lines) ---\n" + log));
            }
        }
        return new JUnitReport("infraValidation", cases);
    }

    /**
     * Writes {@code DIR/section.html}, {@code DIR/junit.xml}, {@code DIR/result.json} and
     * {@code DIR/server.log} under {@code runDir}, each atomically.
     *
     * @return the stage record, report paths relative to {@code runDir}
     */
    public static StageResult write(InfraValidationResult result, Path runDir) throws IOException {
        Path dir = runDir.resolve(DIR);
        Files.createDirectories(dir);
        AtomicFiles.write(dir.resolve("section.html"), html(result).getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream xml = new ByteArrayOutputStream();
        junit(result).writeTo(xml);
        AtomicFiles.write(dir.resolve("junit.xml"), xml.toByteArray());
        AtomicFiles.write(dir.resolve("result.json"), Json.pretty(result).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("server.log"), (result.serverLog() == null ? "" : result.serverLog())
                .getBytes(StandardCharsets.UTF_8));
        List<String> reports = List.of(DIR + "/section.html", DIR + "/junit.xml", DIR + "/result.json", DIR + "/server.log");
        return stage(result, reports);
    }

    /** The stage record without files (details = the result as JSON). */
    public static StageResult stage(InfraValidationResult result, List<String> reports) {
        return new StageResult(InfraValidationResult.STAGE, result.verdict(), result.blessed(), result.summary(),
                Instant.now(), Json.mapper().valueToTree(result), reports);
    }

    /** Reads the result back from a stored stage record. */
    public static InfraValidationResult fromStage(StageResult stage) {
        try {
            return Json.mapper().treeToValue(stage.details(), InfraValidationResult.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored infraValidation details are not readable: " + e.getMessage(), e);
        }
    }
}
