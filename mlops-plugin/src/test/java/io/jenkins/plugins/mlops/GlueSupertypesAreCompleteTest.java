package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.stubs.SignatureList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The stubs may declare fewer members than Jenkins, but not fewer abstract ones on a type the glue
 * extends or implements: otherwise a glue class could compile here and fail against the real API
 * for a method it never implemented. For every Jenkins supertype of every glue class, each
 * abstract METHOD line of its block in signatures.txt must be declared by the stub.
 */
public class GlueSupertypesAreCompleteTest {

    @Test
    public void everyAbstractMethodOfAJenkinsSupertypeOfTheGlueIsDeclaredByItsStub() throws Exception {
        SignatureList list = SignatureList.load();
        Set<Class<?>> supertypes = new LinkedHashSet<>();
        for (Class<?> glue : glueClasses()) {
            Deque<Class<?>> todo = new ArrayDeque<>();
            todo.add(glue);
            while (!todo.isEmpty()) {
                Class<?> c = todo.pop();
                if (c.getSuperclass() != null) {
                    todo.add(c.getSuperclass());
                }
                todo.addAll(List.of(c.getInterfaces()));
                if (list.has(c.getName())) {
                    supertypes.add(c);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (Class<?> type : supertypes) {
            Set<String> stub = SignatureList.linesOf(type);
            list.block(type.getName()).stream()
                    .filter(line -> line.startsWith("METHOD ") && line.contains(" abstract "))
                    .filter(line -> !stub.contains(line))
                    .forEach(line -> missing.add(type.getName() + ": " + line));
        }
        System.out.println("Jenkins supertypes of the glue checked for abstract members: " + supertypes.size());
        assertThat(supertypes).extracting(Class::getName)
                .contains("hudson.tasks.Builder", "jenkins.tasks.SimpleBuildStep", "jenkins.model.RunAction2",
                        "hudson.model.Action", "jenkins.MasterToSlaveFileCallable", "hudson.tasks.BuildStepDescriptor");
        assertThat(missing).as("abstract members the stubs leave out").isEmpty();
    }

    private static List<Class<?>> glueClasses() throws Exception {
        Path classes = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "target/classes");
        List<Class<?>> glue = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".class")).toList()) {
                String binary = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
                glue.add(Class.forName(binary, false, GlueSupertypesAreCompleteTest.class.getClassLoader()));
            }
        }
        return glue;
    }

}
