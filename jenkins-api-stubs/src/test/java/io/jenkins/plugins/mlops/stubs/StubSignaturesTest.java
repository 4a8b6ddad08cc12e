package io.jenkins.plugins.mlops.stubs;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/**
 * "Compiles here" implies "compiles against the real Jenkins API" for every stub member: each line
 * reflection gives for a stub class (CLASS, SUPER, IFACE, CTOR, METHOD, FIELD) must be a line of
 * that class's block in the reference list (src/test/resources/signatures.txt, read from the real jars). A stub class the list lacks is allowed
 * only when this module's README names it with the address of its real source; it is printed as
 * UNCHECKED.
 */
public class StubSignaturesTest {
    private static final Pattern UNCHECKED_ROW =
            Pattern.compile("^\\|\\s*`([A-Za-z0-9_.$]+)`\\s*\\|\\s*(https://github\\.com/\\S+)\\s*\\|");

    @Test
    public void everyStubMemberIsARealJenkinsSignature() throws IOException {
        SignatureList list = SignatureList.load();
        List<String> unchecked = readmeUncheckedTypes();
        List<String> problems = new ArrayList<>();
        int checkedClasses = 0;
        int checkedLines = 0;
        for (Class<?> c : StubClasses.all()) {
            Set<String> block = list.block(c.getName());
            if (block == null) {
                if (unchecked.contains(c.getName())) {
                    System.out.println("UNCHECKED stub type (not in " + list.file().getFileName() + "; source named in README): "
                            + c.getName());
                } else {
                    problems.add(c.getName() + ": not in the signature list, and the stub README does not name it "
                            + "(with the address of its real source) as an unchecked type");
                }
                continue;
            }
            checkedClasses++;
            for (String line : SignatureList.linesOf(c)) {
                checkedLines++;
                if (!block.contains(line)) {
                    problems.add(c.getName() + ": not a real signature: " + line);
                }
            }
        }
        for (String name : unchecked) {
            if (list.has(name)) {
                problems.add(name + " is named unchecked in the README but the list has it: remove it from the README table");
            }
        }
        System.out.println("stub signatures: " + checkedClasses + " classes, " + checkedLines + " lines checked against "
                + list.file());
        if (!problems.isEmpty()) {
            fail(problems.size() + " stub signature problem(s):\n  " + String.join("\n  ", problems));
        }
        assertTrue("no stub class was checked", checkedClasses > 0);
    }

    /**
     * A stub has exactly the real class's superclass and interfaces: the glue may rely on any of them
     * (a FilePath passed as Serializable, a Run as AccessControlled), and an interface the stub left
     * out would make such code fail to compile here while it is right against Jenkins.
     */
    @Test
    public void everyStubHasTheRealSuperclassAndEveryRealInterface() {
        SignatureList list = SignatureList.load();
        List<String> problems = new ArrayList<>();
        for (Class<?> c : StubClasses.all()) {
            Set<String> block = list.block(c.getName());
            if (block == null) {
                continue; // unchecked, reported by the test above
            }
            Set<String> stub = SignatureList.linesOf(c);
            block.stream().filter(l -> l.startsWith("SUPER ") || l.startsWith("IFACE ")).filter(l -> !stub.contains(l))
                    .forEach(l -> problems.add(c.getName() + ": the stub lacks " + l));
        }
        if (!problems.isEmpty()) {
            fail(problems.size() + " supertype(s) missing from the stubs:\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    public void theListParsesIntoOneBlockPerClassLine() throws IOException {
        SignatureList list = SignatureList.load();
        long classLines = Files.readAllLines(list.file(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("CLASS ")).count();
        assertEquals(classLines, list.size());
        assertEquals("hudson.FilePath$FileCallable",
                SignatureList.key("CLASS public abstract static interface hudson.FilePath$FileCallable<T>"));
    }

    @Test
    public void aDifferentSignatureIsCaught() {
        // the check must be able to fail: a member that is not in the real API is not in the block
        SignatureList list = SignatureList.load();
        Set<String> lines = SignatureList.linesOf(NotJenkins.class);
        assertTrue(lines.contains("METHOD public java.lang.String " + NotJenkins.class.getName() + ".getRemote(int)"));
        assertTrue(list.block("hudson.FilePath").stream().noneMatch(l -> l.contains("getRemote(int)")));
    }

    @Test
    public void aMissingListFailsWithAMessageSayingWhereItWasLookedFor() {
        Path nowhere = Path.of("/nonexistent-repo/jenkins-api-stubs");
        try {
            SignatureList.load(nowhere);
            fail("a missing list must fail the check");
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage(), expected.getMessage().contains("/nonexistent-repo/" + SignatureList.REPO_PATH)
                    && expected.getMessage().contains("generate-signatures"));
        }
    }

    /** The unchecked-types table of README.md: rows "| `binary.Name` | https://github.com/... | why |". */
    static List<String> readmeUncheckedTypes() throws IOException {
        Path readme = StubClasses.classesDir().getParent().getParent().resolve("README.md");
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
            Matcher m = UNCHECKED_ROW.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    static final class NotJenkins {
        public String getRemote(int i) {
            return null;
        }
    }
}
