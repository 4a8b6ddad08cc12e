package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jenkinsci.Symbol;
import org.junit.Test;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * docs/steps.md documents every step exactly: for each class in the steps package whose
 * descriptor has a {@link Symbol}, the "## symbol" section's table lists the
 * {@link DataBoundConstructor} parameters and {@link DataBoundSetter} properties, no more, no
 * fewer, each with its Java type.
 */
public class StepsDocTest {
    private static final String HEADER = "| parameter | type | default | description |";

    /** symbol -> (parameter -> type) as the step classes declare them. */
    static Map<String, Map<String, String>> declaredSteps() throws IOException, ClassNotFoundException {
        Map<String, Map<String, String>> steps = new TreeMap<>();
        Path classes = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target/classes");
        Path stepsDir = classes.resolve("io/jenkins/plugins/mlops/steps");
        List<Path> files;
        try (Stream<Path> list = Files.list(stepsDir)) {
            files = list.filter(p -> p.toString().endsWith(".class")).sorted().toList();
        }
        for (Path file : files) {
            String binary = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
            Class<?> c = Class.forName(binary, false, StepsDocTest.class.getClassLoader());
            Class<?> descriptor = Stream.of(c.getDeclaredClasses()).filter(d -> d.isAnnotationPresent(Symbol.class))
                    .findFirst().orElse(null);
            if (descriptor == null) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (Constructor<?> k : c.getConstructors()) {
                if (k.isAnnotationPresent(DataBoundConstructor.class)) {
                    for (Parameter p : k.getParameters()) {
                        assertThat(p.isNamePresent()).as("compile with -parameters").isTrue();
                        parameters.put(p.getName(), p.getType().getSimpleName());
                    }
                }
            }
            for (Method m : c.getMethods()) {
                if (m.isAnnotationPresent(DataBoundSetter.class)) {
                    String property = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                    parameters.put(property, m.getParameterTypes()[0].getSimpleName());
                }
            }
            steps.put(descriptor.getAnnotation(Symbol.class).value()[0], parameters);
        }
        return steps;
    }

    /** symbol -> (parameter -> type) as docs/steps.md's tables say. */
    static Map<String, Map<String, String>> documentedSteps(List<String> lines) {
        Map<String, Map<String, String>> steps = new TreeMap<>();
        String section = null;
        boolean inTable = false;
        for (String line : lines) {
            if (line.startsWith("## ")) {
                section = line.substring(3).trim();
                inTable = false;
            } else if (line.trim().equals(HEADER)) {
                assertThat(section).as("a parameter table outside a '## step' section").isNotNull();
                assertThat(steps).as("two parameter tables in section " + section).doesNotContainKey(section);
                steps.put(section, new LinkedHashMap<>());
                inTable = true;
            } else if (inTable && line.startsWith("| ---")) {
                continue;
            } else if (inTable && line.startsWith("|")) {
                List<String> cells = cells(line);
                assertThat(cells).as("row of " + section + ": " + line).hasSize(4);
                String name = cells.get(0).replace("`", "");
                assertThat(cells.get(2)).as("default of " + section + "." + name).isNotBlank();
                assertThat(cells.get(3)).as("description of " + section + "." + name).isNotBlank();
                steps.get(section).put(name, cells.get(1));
            } else {
                inTable = false;
            }
        }
        return steps;
    }

    /** The cells of a markdown table row; a '|' inside `code` does not split. */
    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean code = false;
        String inner = row.trim().substring(1, row.trim().length() - 1);
        for (char ch : inner.toCharArray()) {
            if (ch == '`') {
                code = !code;
            }
            if (ch == '|' && !code) {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        cells.add(cell.toString().trim());
        return cells;
    }

    @Test
    public void everyStepParameterIsDocumentedWithItsTypeAndNothingElseIs() throws Exception {
        Path doc = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).getParent()
                .resolve("docs/steps.md");
        Map<String, Map<String, String>> declared = declaredSteps();
        Map<String, Map<String, String>> documented = documentedSteps(Files.readAllLines(doc, StandardCharsets.UTF_8));

        assertThat(declared).as("step classes with a @Symbol").containsKey("mlTrack");
        assertThat(documented.keySet()).as("steps documented in " + doc).isEqualTo(declared.keySet());
        for (String step : declared.keySet()) {
            assertThat(documented.get(step)).as("parameters of " + step + " in " + doc)
                    .containsExactlyInAnyOrderEntriesOf(declared.get(step));
        }
    }

    @Test
    public void aMissingOrExtraParameterIsCaught() {
        List<String> doc = List.of("## mlTrack", "", HEADER, "| --- | --- | --- | --- |",
                "| `experiment` | String | `default` | the experiment |", "| `gone` | String | none | removed |", "");
        Map<String, String> documented = documentedSteps(doc).get("mlTrack");
        assertThat(documented).containsOnlyKeys("experiment", "gone");
        assertThat(cells("| `a|b` | String | none | x |")).containsExactly("`a|b`", "String", "none", "x");
    }
}
