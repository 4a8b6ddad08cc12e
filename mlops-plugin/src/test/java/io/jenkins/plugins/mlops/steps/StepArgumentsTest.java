package io.jenkins.plugins.mlops.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.List;
import org.junit.Test;

public class StepArgumentsTest {
    @Test
    public void listsSplitOnCommasAndNewLinesAndDropBlanks() {
        assertThat(StepArguments.list(" a.json, b.csv\n\nc/d ,")).containsExactly("a.json", "b.csv", "c/d");
        assertThat(StepArguments.list(null)).isEmpty();
    }

    @Test
    public void pairsKeepTheirOrderAndEverythingAfterTheFirstEquals() {
        assertThat(StepArguments.map("params", "C=1.0, expr=a=b\nmax_iter = 200"))
                .containsExactly(java.util.Map.entry("C", "1.0"), java.util.Map.entry("expr", "a=b"),
                        java.util.Map.entry("max_iter", "200"));
    }

    @Test
    public void anEntryWithoutEqualsIsRefusedNamingFieldAndEntry() {
        assertThatThrownBy(() -> StepArguments.map("params", "C=1.0, oops")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("params").hasMessageContaining("'oops'").hasMessageContaining("name=value");
        assertThatThrownBy(() -> StepArguments.map("tags", "=x")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("no name");
    }

    @Test
    public void pathsThatLeaveTheWorkspaceAreFoundForTheFormHint() {
        assertThat(StepArguments.firstPathOutsideWorkspace(List.of("out/m.json", "a..b/c"))).isNull();
        assertThat(StepArguments.firstPathOutsideWorkspace(List.of("ok.json", "../x"))).isEqualTo("../x");
        assertThat(StepArguments.firstPathOutsideWorkspace(List.of("a/../../x"))).isEqualTo("a/../../x");
        assertThat(StepArguments.firstPathOutsideWorkspace(List.of("/etc/passwd"))).isEqualTo("/etc/passwd");
        assertThat(StepArguments.firstPathOutsideWorkspace(List.of("C:\\x"))).isEqualTo("C:\\x");
        assertThat(StepArguments.firstPathOutsideWorkspace(List.of("a\\..\\..\\x"))).isEqualTo("a\\..\\..\\x");
    }
}
