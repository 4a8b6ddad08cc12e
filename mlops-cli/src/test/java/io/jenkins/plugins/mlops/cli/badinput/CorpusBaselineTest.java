package io.jenkins.plugins.mlops.cli.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.CliRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The corpus proves something only if each of its targets, unspoilt, is accepted: then the spoil is what is refused. */
public class CorpusBaselineTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void everyTargetsGoodInputIsAccepted() throws Exception {
        BadInputWorkspace workspace = new BadInputWorkspace(tmp.getRoot().toPath());
        for (BadInputCorpus.Target target : BadInputCorpus.targets()) {
            if (target.args().get(0).equals("infra-validate") || target.args().get(0).equals("promote")) {
                continue; // their good input starts a sandboxed server or drives nginx: tested in their own tests
            }
            workspace.clearBad();
            Path file = workspace.bad.resolve(target.fileName());
            Files.write(file, target.good().getBytes(StandardCharsets.UTF_8));
            String given = target.args().contains("-w") ? "bad/" + target.fileName() : file.toString();
            String[] args = target.args().stream().map(a -> a.replace("{bad}", given).replace("{root}", workspace.root.toString())
                    .replace("{ws}", workspace.ws.toString()).replace("{store}", workspace.store())).toArray(String[]::new);
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(target.name() + " " + target.fileName() + ": " + run.err()).isIn(0, 1);
        }
    }

    @Test
    public void theCorpusHoldsAtLeast300CasesOverEveryFormat() {
        List<BadInputCorpus.Case> cases = BadInputCorpus.cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(300);
        assertThat(cases.stream().map(c -> c.target().kind()).distinct()).containsExactlyInAnyOrder(BadInputCorpus.Kind.values());
    }
}
