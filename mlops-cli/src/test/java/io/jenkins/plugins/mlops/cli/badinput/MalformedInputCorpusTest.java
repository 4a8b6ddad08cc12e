package io.jenkins.plugins.mlops.cli.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;

/**
 * The corpus ({@link BadInputCorpus}): every input format, spoilt every way that applies, must be
 * exit 2 with a message naming the file and the fix, no Java internals, nothing written.
 */
@RunWith(Parameterized.class)
public class MalformedInputCorpusTest {
    private static final TemporaryFolder TMP = new TemporaryFolder();
    private static BadInputWorkspace workspace;

    @Rule
    public Timeout timeout = new Timeout(60, TimeUnit.SECONDS); // a blocked read of a pipe fails the case, not the build

    private final BadInputCorpus.Case corpusCase;

    public MalformedInputCorpusTest(String name, BadInputCorpus.Case corpusCase) {
        this.corpusCase = corpusCase;
    }

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> cases() {
        return BadInputCorpus.cases().stream().map(c -> new Object[] {c.name(), c}).toList();
    }

    @BeforeClass
    public static void workspace() throws IOException {
        TMP.create();
        workspace = new BadInputWorkspace(TMP.getRoot().toPath());
    }

    @AfterClass
    public static void cleanUp() {
        TMP.delete();
    }

    @Test
    public void isRefusedWithExitTwoNamingTheFileAndWritesNothing() throws Exception {
        workspace.clearBad();
        BadInputCorpus.Target target = corpusCase.target();
        Path file = workspace.bad.resolve(target.fileName());
        switch (corpusCase.mutation().special()) {
            case MISSING -> { }
            case DIRECTORY -> Files.createDirectory(file);
            case FIFO -> {
                Process mkfifo = new ProcessBuilder("mkfifo", file.toString()).start();
                assertThat(mkfifo.waitFor()).isZero();
            }
            default -> Files.write(file, corpusCase.mutation().content().apply(target));
        }
        String given = target.args().contains("-w") ? "bad/" + target.fileName() : file.toString();
        List<String> args = target.args().stream().map(a -> a.replace("{bad}", given)).toList();
        workspace.check(corpusCase.name(), args, List.of(target.fileName()));
    }
}
