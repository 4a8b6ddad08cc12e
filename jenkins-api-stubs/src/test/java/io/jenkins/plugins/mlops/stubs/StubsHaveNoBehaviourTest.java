package io.jenkins.plugins.mlops.stubs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A stub declares; it never behaves. Every method body in the compiled stubs (read from the class
 * files with ASM) must be one of the shapes {@link TrivialBodies} allows: a method throws
 * UnsupportedOperationException, a constructor only calls its super constructor, a static
 * initializer only stores constants in its own static fields. Anything else (a returned value, a
 * field write, a call) fails here, with the class and method named.
 */
public class StubsHaveNoBehaviourTest {

    @Test
    public void everyStubBodyIsTrivial() throws IOException {
        List<String> problems = new ArrayList<>();
        int bodies = 0;
        for (Path relative : StubClasses.classFiles()) {
            ClassNode node = read(StubClasses.classesDir().resolve(relative));
            for (MethodNode method : node.methods) {
                if (method.instructions.size() == 0) {
                    continue; // abstract or annotation member: no body at all
                }
                bodies++;
                String problem = TrivialBodies.check(node, method);
                if (problem != null) {
                    problems.add(node.name.replace('/', '.') + "." + method.name + method.desc + ": " + problem);
                }
            }
        }
        System.out.println("stub bodies checked: " + bodies);
        if (!problems.isEmpty()) {
            fail("stubs must not behave; " + problems.size() + " body(ies) do more than TrivialBodies allows:\n  "
                    + String.join("\n  ", problems));
        }
        assertTrue("no stub body was found", bodies > 0);
    }

    @Test
    public void aStubThatComputesSomethingIsCaught() throws IOException {
        ClassNode node = readTestClass(Behaving.class);
        List<String> caught = new ArrayList<>();
        for (MethodNode method : node.methods) {
            String problem = TrivialBodies.check(node, method);
            if (problem != null) {
                caught.add(method.name);
            }
        }
        assertEquals(List.of("<init>", "answer", "greet", "<clinit>"), caught);
    }

    @Test
    public void theAllowedShapesPass() throws IOException {
        ClassNode node = readTestClass(Declaring.class);
        for (MethodNode method : node.methods) {
            assertEquals(method.name, null, TrivialBodies.check(node, method));
        }
    }

    private static ClassNode readTestClass(Class<?> c) throws IOException {
        try (InputStream in = c.getResourceAsStream("/" + c.getName().replace('.', '/') + ".class")) {
            ClassNode node = new ClassNode();
            new ClassReader(in).accept(node, ClassReader.SKIP_FRAMES);
            return node;
        }
    }

    private static ClassNode read(Path classFile) throws IOException {
        ClassNode node = new ClassNode();
        new ClassReader(Files.readAllBytes(classFile)).accept(node, ClassReader.SKIP_FRAMES);
        return node;
    }

    /** Shapes a stub may have. */
    abstract static class Declaring extends java.io.IOException {
        public static final Object NONE = null;
        public static final int COUNT = Integer.MAX_VALUE - 1;

        protected Declaring(String message, Throwable cause) {
            super(message, cause);
        }

        public abstract String name();

        public String remote() {
            throw new UnsupportedOperationException();
        }
    }

    /** Shapes a stub must not have. */
    static class Behaving {
        static final List<String> CACHE = new ArrayList<>();
        private final int x;

        Behaving() {
            x = 1;
        }

        int answer() {
            return 42 + x;
        }

        String greet() {
            AbstractInsnNode.class.getName();
            throw new UnsupportedOperationException();
        }
    }
}
