package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Every user-facing string of the Java glue is in Messages.properties: no string constant in the
 * compiled glue (outside MlopsMessages) holds two words in a row, which is what a sentence, a
 * label or a log line needs. Identifiers, paths, separators and patterns pass.
 */
public class GlueHasNoLiteralSentencesTest {
    private static final Pattern WORDS = Pattern.compile("[A-Za-z]{2,}\\s+[A-Za-z]{2,}");

    static List<String> sentences(Path classes) throws Exception {
        List<String> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                ClassNode node = new ClassNode();
                new ClassReader(Files.readAllBytes(file)).accept(node, 0);
                if (node.name.equals("io/jenkins/plugins/mlops/MlopsMessages")) {
                    continue;
                }
                for (FieldNode field : node.fields) {
                    if (field.value instanceof String s && WORDS.matcher(s).find()) {
                        found.add(node.name + "." + field.name + ": \"" + s + "\"");
                    }
                }
                for (MethodNode method : node.methods) {
                    for (AbstractInsnNode insn : method.instructions) {
                        List<Object> constants = new ArrayList<>();
                        if (insn instanceof LdcInsnNode ldc) {
                            constants.add(ldc.cst);
                        } else if (insn instanceof InvokeDynamicInsnNode indy) {
                            constants.addAll(List.of(indy.bsmArgs)); // string concatenation recipes
                        }
                        for (Object c : constants) {
                            if (c instanceof String s && WORDS.matcher(s).find()) {
                                found.add(node.name + "." + method.name + ": \"" + s + "\"");
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    @Test
    public void noGlueClassHoldsALiteralSentence() throws Exception {
        Path classes = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target/classes");
        assertThat(sentences(classes)).as("literal sentences; put them in Messages.properties").isEmpty();
    }

    @Test
    public void aLiteralSentenceIsFound() throws Exception {
        Path testClasses = Path.of(System.getProperty("basedir", System.getProperty("user.dir")),
                "target/test-classes/io/jenkins/plugins/mlops");
        Path one = Files.createTempDirectory("sentence");
        Files.copy(testClasses.resolve("GlueHasNoLiteralSentencesTest$Chatty.class"), one.resolve("Chatty.class"));
        assertThat(sentences(one)).singleElement().asString().contains("build finished fine");
    }

    static final class Chatty {
        String log(int n) {
            return "build finished fine: " + n;
        }
    }
}
