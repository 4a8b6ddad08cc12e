package io.jenkins.plugins.mlops.core.track;

import java.io.Serializable;

/**
 * The Git state of the code that ran. {@code remoteUrl} never carries credentials.
 * {@code commit} is {@code null} when the work tree is not in Git. {@code source} is the entry
 * point that ran (MLflow's {@code mlflow.source.name}, e.g. {@code train.py}), when known.
 */
public record CodeVersion(String commit, String branch, boolean dirty, String remoteUrl, String source)
        implements Serializable {
    public CodeVersion(String commit, String branch, boolean dirty, String remoteUrl) {
        this(commit, branch, dirty, remoteUrl, null);
    }

    public static CodeVersion none() {
        return new CodeVersion(null, null, false, null, null);
    }
}
