package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * The example project's Jenkinsfile (examples/breast-cancer/Jenkinsfile) uses every MLOps step of the
 * training pipeline, in pipeline order, its monitoring job (Jenkinsfile.monitoring) the monitoring
 * step, and both only parameters docs/steps.md documents for that step: every
 * {@code mlXxx(key: value, ...)} and {@code mlXxx key: value, ...} call is parsed (comments and
 * string contents ignored), and each step and each named argument must be in that step's table.
 */
public class JenkinsfileDocTest {
    /** The order the pipeline runs its stages in (issue 10). */
    static final List<String> PIPELINE_ORDER = List.of("mlTrack", "mlValidate", "mlInfraValidate", "mlBless", "mlPublish",
            "mlPromote");
    /** The steps of the periodic monitoring job, a Jenkinsfile of its own (docs/monitoring.md). */
    static final List<String> MONITORING = List.of("mlMonitor");

    private static final Pattern STEP = Pattern.compile("\\b(ml[A-Z][A-Za-z]*)\\b(\\s*\\(|[ \\t]+(?=[A-Za-z_]\\w*\\s*:))");
    private static final Pattern KEY = Pattern.compile("(?<![\\w.$])([A-Za-z_]\\w*)\\s*:(?!:)");

    /** One call: the step, its named arguments, and the line it starts on. */
    record Call(String step, Set<String> parameters, int line) {
    }

    /** Groovy source with comments removed and every string's contents blanked (quotes and line breaks kept). */
    static String code(String source) {
        StringBuilder out = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                while (i < source.length() && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (source.startsWith("/*", i)) {
                int end = source.indexOf("*/", i + 2);
                end = end < 0 ? source.length() : end + 2;
                source.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (c == '\'' || c == '"') {
                String quote = source.startsWith(String.valueOf(c).repeat(3), i) ? String.valueOf(c).repeat(3) : String.valueOf(c);
                int end = i + quote.length();
                while (end < source.length() && !source.startsWith(quote, end)) {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                out.append(quote);
                source.substring(i + quote.length(), Math.min(end, source.length())).chars()
                        .forEach(ch -> out.append(ch == '\n' ? '\n' : ' '));
                out.append(quote);
                i = Math.min(end + quote.length(), source.length());
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Every mlXxx call of {@code source}, in order. */
    static List<Call> calls(String source) {
        String code = code(source);
        List<Call> calls = new ArrayList<>();
        Matcher m = STEP.matcher(code);
        while (m.find()) {
            int start = m.end();
            int end;
            if (m.group(2).trim().equals("(")) {
                int depth = 1;
                end = start;
                while (end < code.length() && depth > 0) {
                    char c = code.charAt(end++);
                    depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                }
            } else {
                // command form: the arguments go on while a line ends with a comma
                end = start;
                while (true) {
                    int nl = code.indexOf('\n', end);
                    if (nl < 0) {
                        end = code.length();
                        break;
                    }
                    boolean continues = code.substring(end, nl).stripTrailing().endsWith(",");
                    end = nl + 1;
                    if (!continues) {
                        break;
                    }
                }
            }
            Set<String> parameters = new LinkedHashSet<>();
            Matcher k = KEY.matcher(code.substring(start, end));
            while (k.find()) {
                parameters.add(k.group(1));
            }
            int line = (int) code.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            calls.add(new Call(m.group(1), parameters, line));
        }
        return calls;
    }

    /** What is wrong with {@code calls} against the documented steps: undocumented steps and parameters. */
    static List<String> problems(List<Call> calls, Map<String, Map<String, String>> documented) {
        List<String> problems = new ArrayList<>();
        for (Call call : calls) {
            Set<String> known = documented.containsKey(call.step()) ? documented.get(call.step()).keySet() : null;
            if (known == null) {
                problems.add("line " + call.line() + ": " + call.step() + " is not documented in docs/steps.md");
                continue;
            }
            for (String parameter : call.parameters()) {
                if (!known.contains(parameter)) {
                    problems.add("line " + call.line() + ": " + call.step() + "(" + parameter
                            + ":) is not a documented parameter of " + call.step());
                }
            }
        }
        return problems;
    }

    private static Path repo() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).getParent();
    }

    private static Map<String, Map<String, String>> documented() throws Exception {
        return StepsDocTest.documentedSteps(Files.readAllLines(repo().resolve("docs/steps.md"), StandardCharsets.UTF_8));
    }

    @Test
    public void theExampleJenkinsfileUsesOnlyDocumentedStepsAndParameters() throws Exception {
        String jenkinsfile = Files.readString(repo().resolve("examples/breast-cancer/Jenkinsfile"), StandardCharsets.UTF_8);
        List<Call> calls = calls(jenkinsfile);
        Map<String, Map<String, String>> documented = documented();

        assertThat(calls).as("mlXxx calls found").hasSizeGreaterThanOrEqualTo(PIPELINE_ORDER.size());
        assertThat(problems(calls, documented)).isEmpty();
    }

    @Test
    public void theMonitoringJenkinsfileUsesTheMonitoringStepWithDocumentedParameters() throws Exception {
        String jenkinsfile = Files.readString(repo().resolve("examples/breast-cancer/Jenkinsfile.monitoring"), StandardCharsets.UTF_8);
        List<Call> calls = calls(jenkinsfile);

        assertThat(calls.stream().map(Call::step).distinct().toList()).isEqualTo(MONITORING);
        assertThat(problems(calls, documented())).isEmpty();
    }

    @Test
    public void theRetrainingJenkinsfileIsStartedByTheDriftVerdictOfTheModelTheMonitoringJobChecks() throws Exception {
        String retrain = Files.readString(repo().resolve("examples/breast-cancer/Jenkinsfile.retrain"), StandardCharsets.UTF_8);
        String monitoring = Files.readString(repo().resolve("examples/breast-cancer/Jenkinsfile.monitoring"), StandardCharsets.UTF_8);
        Matcher monitored = Pattern.compile("mlMonitor\\s+model:\\s*'([^']+)'").matcher(monitoring);
        assertThat(monitored.find()).as("the monitoring job's mlMonitor names its model").isTrue();

        assertThat(retrain).contains("triggers { mlRegistry(model: '" + monitored.group(1) + "', event: 'monitor:DRIFT') }");
        // it builds the training pipeline rather than repeating its steps
        assertThat(calls(retrain)).extracting(Call::step).containsOnly("mlRegistry");
        assertThat(code(retrain)).contains("build job:");
        // and the monitoring job leaves starting it to the trigger (the alternative is only in a comment)
        assertThat(code(monitoring)).doesNotContain("build");
    }

    @Test
    public void theExampleJenkinsfileUsesEveryStepInPipelineOrder() throws Exception {
        String jenkinsfile = Files.readString(repo().resolve("examples/breast-cancer/Jenkinsfile"), StandardCharsets.UTF_8);
        List<String> firstUses = calls(jenkinsfile).stream().map(Call::step).distinct().toList();

        assertThat(firstUses).isEqualTo(PIPELINE_ORDER);
        List<String> all = new ArrayList<>(firstUses);
        all.addAll(MONITORING);
        assertThat(all).as("every documented step is used").containsExactlyInAnyOrderElementsOf(documented().keySet());
        assertThat(calls(jenkinsfile).stream().filter(c -> c.step().equals("mlValidate")).map(c -> c.parameters()))
                .as("data, then the notebook smoke test, then model tests").satisfiesExactly(
                        data -> assertThat(data).contains("data", "schema"),
                        notebook -> assertThat(notebook).contains("notebook"),
                        model -> assertThat(model).contains("modelTests"));
    }

    @Test
    public void anUndocumentedParameterOrStepInASnippetIsCaught() throws Exception {
        String bad = String.join("\n",
                "mlBless gates: 'gates.yaml', candidat: 'out/predictions.csv'   // a typo",
                "def r = mlPromote(plan: 'p.yaml', approve: true, waitForIt: true)",
                "mlTrack experiment: 'bc',",
                "        colour: 'blue'",
                "mlDeploy target: 'prod'",
                "");

        List<String> problems = problems(calls(bad), documented());

        assertThat(problems).containsExactly(
                "line 1: mlBless(candidat:) is not a documented parameter of mlBless",
                "line 2: mlPromote(waitForIt:) is not a documented parameter of mlPromote",
                "line 3: mlTrack(colour:) is not a documented parameter of mlTrack",
                "line 5: mlDeploy is not documented in docs/steps.md");
    }

    @Test
    public void keysInsideStringsAndCommentsAreNotParameters() {
        String source = String.join("\n",
                "// mlBless gates: 'x', nope: 1",
                "mlTrack name: \"lr-${env.BUILD_NUMBER}\", notes: 'see: the wiki, key: value',",
                "        tags: '''team=ml",
                "  stage: candidate'''",
                "mlTrack()",
                "echo 'mlValidate data: x'",
                "");

        List<Call> calls = calls(source);

        assertThat(calls).extracting(Call::step).containsExactly("mlTrack", "mlTrack");
        assertThat(calls.get(0).parameters()).containsExactly("name", "notes", "tags");
        assertThat(calls.get(1).parameters()).isEmpty();
    }
}
