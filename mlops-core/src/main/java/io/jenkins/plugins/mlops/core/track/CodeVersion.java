package io.jenkins.plugins.mlops.core.track;

import java.io.Serializable;

/**
 * The Git state of the code that ran. {@code remoteUrl} never carries credentials.
 * {@code commit} is {@code null} when the work tree is not in Git.
 */
public record CodeVersion(String commit, String branch, boolean dirty, String remoteUrl) implements Serializable {
    public static CodeVersion none() {
        return new CodeVersion(null, null, false, null);
    }
}
