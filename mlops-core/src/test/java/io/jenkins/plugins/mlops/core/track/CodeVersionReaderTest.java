package io.jenkins.plugins.mlops.core.track;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CodeVersionReaderTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void readsCommitBranchDirtyFlagAndRemoteWithoutCredentials() throws Exception {
        Path repo = tmp.newFolder("repo").toPath();
        try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("train.py"), "print('hi')\n");
            git.add().addFilepattern("train.py").call();
            RevCommit commit = git.commit().setMessage("first").setAuthor("a", "a@b").setCommitter("a", "a@b")
                    .setSign(false).call();
            FileBasedConfig config = (FileBasedConfig) git.getRepository().getConfig();
            config.setString("remote", "origin", "url", "https://alice:s3cr3t-token@git.example.com/ml/model.git");
            config.save();
            Path sub = Files.createDirectories(repo.resolve("src/deep"));

            CodeVersion clean = CodeVersionReader.read(sub);
            assertThat(clean.commit()).isEqualTo(commit.name());
            assertThat(clean.branch()).isEqualTo("main");
            assertThat(clean.dirty()).isFalse();
            assertThat(clean.remoteUrl()).isEqualTo("https://git.example.com/ml/model.git").doesNotContain("s3cr3t");

            Files.writeString(repo.resolve("train.py"), "print('changed')\n");
            assertThat(CodeVersionReader.read(repo).dirty()).isTrue();
        }
    }

    @Test
    public void sshUserNamesStayButPasswordsGo() {
        assertThat(CodeVersionReader.withoutCredentials("git@github.com:org/repo.git")).isEqualTo("git@github.com:org/repo.git");
        assertThat(CodeVersionReader.withoutCredentials("ssh://bob:pw@host/repo.git")).doesNotContain("pw");
    }

    @Test
    public void aDirectoryOutsideGitHasNoCommit() throws Exception {
        assertThat(CodeVersionReader.read(tmp.newFolder("plain").toPath()).commit()).isNull();
    }
}
