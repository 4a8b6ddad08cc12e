package hudson.model;

import java.io.Serializable;

/** Stub of hudson.model.Result: the build results a step sets (Run.setResult only ever makes a build worse). */
public final class Result implements java.io.Serializable, org.kohsuke.stapler.export.CustomExportedBean {
    public static final Result SUCCESS = null;
    public static final Result UNSTABLE = null;
    public static final Result FAILURE = null;

    private Result() {
    }
}
