package io.jenkins.plugins.mlops.core.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.Serializable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A model version MAJOR.MINOR.PIPELINE (DESIGN.md); written as {@code 1.2.3}, tagged as {@code v1.2.3}. */
public record SemVer(int major, int minor, int pipeline) implements Comparable<SemVer>, Serializable {
    /** One spelling per version: no 'v' (tags add it), no leading zeros (01.0.0 and 1.0.0 would be two names). */
    private static final Pattern FORM = Pattern.compile("(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})\\.(0|[1-9]\\d{0,8})");
    private static final Pattern LOOSE = Pattern.compile("[vV]?0*(\\d{1,9})\\.0*(\\d{1,9})\\.0*(\\d{1,9})");

    public SemVer {
        if (major < 0 || minor < 0 || pipeline < 0) {
            throw new IllegalArgumentException("negative version part");
        }
    }

    /** The first version of a model. */
    public static SemVer first() {
        return new SemVer(1, 0, 0);
    }

    @JsonCreator
    public static SemVer parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text.trim());
        if (m == null || !m.matches()) {
            Matcher loose = text == null ? null : LOOSE.matcher(text.trim());
            if (loose != null && loose.matches()) {
                String plain = Integer.parseInt(loose.group(1)) + "." + Integer.parseInt(loose.group(2)) + "."
                        + Integer.parseInt(loose.group(3));
                throw BadInputException.at("version", 0, "'" + text + "' is not written as a version is",
                        "write " + plain + " (no 'v' and no leading zeros: each version has one spelling; tags add the 'v')");
            }
            throw BadInputException.at("version", 0, "'" + text + "' is not a version MAJOR.MINOR.PIPELINE",
                    "write it as three numbers, e.g. 1.4.0");
        }
        return new SemVer(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    public SemVer bump(VersionBump kind) {
        return switch (kind) {
            case MAJOR -> new SemVer(major + 1, 0, 0);
            case MINOR -> new SemVer(major, minor + 1, 0);
            case PIPELINE -> new SemVer(major, minor, pipeline + 1);
            case FIRST, OVERRIDE -> this;
        };
    }

    @JsonValue
    @Override
    public String toString() {
        return major + "." + minor + "." + pipeline;
    }

    @Override
    public int compareTo(SemVer o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(pipeline, o.pipeline);
    }
}
