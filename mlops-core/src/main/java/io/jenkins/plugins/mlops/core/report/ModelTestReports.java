package io.jenkins.plugins.mlops.core.report;

import gg.jte.Content;
import io.jenkins.plugins.mlops.core.model.ModelTestResult;
import io.jenkins.plugins.mlops.core.model.TestCaseResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The model tests' reports ({@link StageReports} calls this): {@code model-tests.html} (the
 * section), {@code model-tests-junit.xml} (one test case per test, its measured value in the
 * message) and {@code model-tests.json} (the result).
 */
public final class ModelTestReports implements StageWriter<ModelTestResult> {
    static final ModelTestReports WRITER = new ModelTestReports();

    private ModelTestReports() {
    }

    @Override
    public Class<ModelTestResult> resultType() {
        return ModelTestResult.class;
    }

    @Override
    public List<String> writeFiles(ModelTestResult result, Path dir) {
        return StageWriter.writeJsonJunitHtml(dir, "model-tests", result, junit(result), section(result));
    }

    @Override
    public Content section(ModelTestResult result) {
        return Templates.content("model/model-tests.jte", result);
    }

    /** When the tests ran. */
    @Override
    public Instant recordedAt(ModelTestResult result, Instant now) {
        return result.ranAt();
    }

    /** One JUnit test case per test; the message carries the measured value. */
    static JUnitReport junit(ModelTestResult result) {
        List<JUnitReport.Case> cases = new ArrayList<>();
        for (TestCaseResult t : result.tests()) {
            String cls = "mlops.modelTests." + t.group().replace(' ', '.');
            String details = t.evidence().isEmpty() ? t.message() : t.message() + "\n" + String.join("\n", t.evidence());
            switch (t.status()) {
                case "FAILED" -> cases.add(JUnitReport.Case.failed(cls, t.name(), t.message(), details));
                case "SKIPPED" -> cases.add(new JUnitReport.Case(cls, t.name(), 0, t.message(), null, true));
                default -> cases.add(JUnitReport.Case.passed(cls, t.name(), details));
            }
        }
        return new JUnitReport("mlops model tests" + (result.suite() == null ? "" : " " + result.suite()), cases);
    }
}
