package io.jenkins.plugins.mlops.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A data input may be a file or a directory of part files inside the root; every way out (an
 * absolute path, {@code ..}, a linked directory, a linked part) stays refused, and the file-only
 * resolution still refuses a directory.
 */
public class SafePathsTest {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();
    private Path tmp;
    private Path root;

    @Before
    public void workspace() throws Exception {
        tmp = folder.getRoot().toPath();
        root = Files.createDirectories(tmp.resolve("ws"));
        Files.createDirectories(root.resolve("parts"));
        Files.writeString(root.resolve("parts/part-00000.csv"), "a\n1\n");
        Files.writeString(root.resolve("data.csv"), "a\n1\n");
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/part-00001.csv"), "a\n2\n");
    }

    @Test
    public void aDirectoryOrAFileInsideTheRootIsAcceptedAsADataInput() {
        assertThat(SafePaths.existingFileOrDirectoryInside(root, "parts/", "data")).isEqualTo(root.resolve("parts"));
        assertThat(SafePaths.existingFileOrDirectoryInside(root, "data.csv", "data")).isEqualTo(root.resolve("data.csv"));
    }

    @Test
    public void theFileOnlyResolutionStillRefusesADirectory() {
        assertThatThrownBy(() -> SafePaths.existingFileInside(root, "parts", "schema")).isInstanceOf(BadInputException.class)
                .hasMessageContaining("'parts' is a directory, not a file").hasMessageContaining("schema");
    }

    @Test
    public void aMissingPathOrADotDotOutOfTheRootIsRefusedNamingIt() {
        assertThatThrownBy(() -> SafePaths.existingFileOrDirectoryInside(root, "nope/", "data"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'nope/' does not exist");
        assertThatThrownBy(() -> SafePaths.existingFileOrDirectoryInside(root, "../outside", "data"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'../outside' leads outside");
    }

    @Test
    public void aLinkedDirectoryOrALinkedPartThatPointsOutsideTheRootIsRefused() throws Exception {
        Files.createSymbolicLink(root.resolve("linked"), tmp.resolve("outside"));
        assertThatThrownBy(() -> SafePaths.existingFileOrDirectoryInside(root, "linked", "data"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("'linked' is a link that points outside");

        Files.createSymbolicLink(root.resolve("parts/part-00001.csv"), tmp.resolve("outside/part-00001.csv"));
        assertThatThrownBy(() -> SafePaths.existingFileOrDirectoryInside(root, "parts", "reference"))
                .isInstanceOf(BadInputException.class)
                .hasMessageContaining("'parts' holds part-00001.csv, a link that points outside")
                .hasMessageContaining("reference");
    }

    @Test
    public void aPartLinkedToAnotherFileInsideTheRootIsAccepted() throws Exception {
        Files.createSymbolicLink(root.resolve("parts/part-00001.csv"), root.resolve("data.csv"));
        assertThat(SafePaths.existingFileOrDirectoryInside(root, "parts", "data")).isEqualTo(root.resolve("parts"));
    }
}
