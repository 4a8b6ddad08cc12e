package io.jenkins.plugins.mlops.core.report;

import gg.jte.Content;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import io.jenkins.plugins.mlops.core.infra.Check;
import io.jenkins.plugins.mlops.core.infra.InfraValidationResult;
import io.jenkins.plugins.mlops.core.infra.Teardown;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An infra validation's reports ({@link StageReports} calls this): {@code section.html},
 * {@code junit.xml} (one test case per check), {@code result.json} and {@code server.log} (the
 * server's full log).
 */
public final class InfraValidationReports implements StageWriter<InfraValidationResult> {
    static final InfraValidationReports WRITER = new InfraValidationReports();

    private InfraValidationReports() {
    }

    @Override
    public Class<InfraValidationResult> resultType() {
        return InfraValidationResult.class;
    }

    @Override
    public List<String> writeFiles(InfraValidationResult result, Path dir) {
        AtomicFiles.writeString(dir.resolve("section.html"), Templates.render(section(result)));
        AtomicFiles.write(dir.resolve("junit.xml"), out -> junit(result).writeTo(out));
        AtomicFiles.writeString(dir.resolve("result.json"), Json.pretty(result));
        AtomicFiles.writeString(dir.resolve("server.log"), result.serverLog() == null ? "" : result.serverLog());
        return List.of("section.html", "junit.xml", "result.json", "server.log");
    }

    @Override
    public Content section(InfraValidationResult result) {
        return Templates.content("infra/section.jte", new View(result));
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
            return MetricFormat.compact(v);
        }

        public String pct(double v) {
            return MetricFormat.percentTwoDecimals(v);
        }
    }

    /** One JUnit test case per check; a failed check's message holds measured and expected values. */
    static JUnitReport junit(InfraValidationResult result) {
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
}
