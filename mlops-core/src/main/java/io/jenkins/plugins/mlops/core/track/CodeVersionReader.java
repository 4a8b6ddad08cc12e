package io.jenkins.plugins.mlops.core.track;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.URIish;

/** Reads the Git state of the work tree that encloses a directory, with JGit (no git binary needed). */
public final class CodeVersionReader {
    private CodeVersionReader() {
    }

    public static CodeVersion read(Path dir) {
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir.toAbsolutePath().toFile());
        if (builder.getGitDir() == null) {
            return CodeVersion.none();
        }
        try (Repository repo = builder.build(); Git git = new Git(repo)) {
            ObjectId head = repo.resolve("HEAD");
            if (head == null) {
                return CodeVersion.none();
            }
            String branch = repo.getFullBranch() != null && repo.getFullBranch().startsWith("refs/heads/")
                    ? repo.getBranch() : null;
            boolean dirty = !git.status().call().isClean();
            String remote = repo.getConfig().getString("remote", "origin", "url");
            return new CodeVersion(head.name(), branch, dirty, withoutCredentials(remote));
        } catch (IOException | GitAPIException e) {
            return CodeVersion.none();
        }
    }

    /** {@code https://user:token@host/repo} becomes {@code https://host/repo}; ssh user names stay. */
    static String withoutCredentials(String url) {
        if (url == null) {
            return null;
        }
        try {
            URIish uri = new URIish(url);
            if (uri.getPass() != null || (uri.getScheme() != null && uri.getScheme().startsWith("http"))) {
                uri = uri.setUser(null).setPass(null);
            }
            return uri.toString();
        } catch (URISyntaxException e) {
            return url.replaceAll("//[^/@]*@", "//");
        }
    }
}
