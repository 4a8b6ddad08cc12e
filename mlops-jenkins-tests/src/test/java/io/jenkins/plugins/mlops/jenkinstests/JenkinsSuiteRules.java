package io.jenkins.plugins.mlops.jenkinstests;

import java.util.Locale;
import org.junit.rules.ExternalResource;
import org.junit.rules.TestRule;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;

/**
 * The two rules every {@code *JenkinsTest} class declares:
 * <pre>
 * &#64;ClassRule public static final JenkinsSuiteRules.SharedJenkins JENKINS = JenkinsSuiteRules.jenkins();
 * &#64;Rule public final TestRule scenario = JenkinsSuiteRules.scenario();
 * </pre>
 * The class rule boots the suite's one Jenkins (first class only) and, after the class, fails it when
 * Jenkins's log gained a SEVERE line or an exception from the plugin during the class. The scenario
 * rule prints each test as a scenario with its result and time.
 */
public final class JenkinsSuiteRules {
    private JenkinsSuiteRules() {
    }

    public static SharedJenkins jenkins() {
        return new SharedJenkins();
    }

    public static TestRule scenario() {
        return new Scenario();
    }

    /** Boots (or reuses) the suite's Jenkins; checks its log after the class. */
    public static final class SharedJenkins extends ExternalResource {
        private RealJenkins jenkins;
        private long logStart;

        @Override
        protected void before() {
            jenkins = RealJenkins.get();
            logStart = jenkins.log().size();
        }

        @Override
        protected void after() {
            JenkinsLog.Findings findings = jenkins.log().findings(logStart);
            if (!findings.clean()) {
                throw new AssertionError("Jenkins's log (" + jenkins.log().file() + ") during this class has " + findings);
            }
        }

        public RealJenkins get() {
            return jenkins;
        }

        public JenkinsClient client() {
            return jenkins.client();
        }
    }

    private static final class Scenario extends TestWatcher {
        private long start;

        @Override
        protected void starting(Description d) {
            start = System.nanoTime();
            System.out.println("[scenario] " + name(d) + " ...");
        }

        @Override
        protected void succeeded(Description d) {
            report(d, "PASSED");
        }

        @Override
        protected void failed(Throwable e, Description d) {
            report(d, "FAILED (" + e.getClass().getSimpleName() + ")");
        }

        @Override
        protected void skipped(org.junit.AssumptionViolatedException e, Description d) {
            report(d, "SKIPPED (" + e.getMessage() + ")");
        }

        private void report(Description d, String outcome) {
            System.out.printf(Locale.ROOT, "[scenario] %s %s in %.1f s%n", name(d), outcome, (System.nanoTime() - start) / 1e9);
        }

        private static String name(Description d) {
            return d.getTestClass().getSimpleName() + "." + d.getMethodName();
        }
    }
}
