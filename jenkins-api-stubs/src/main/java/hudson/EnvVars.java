package hudson;

import java.util.TreeMap;

/** Stub of hudson.EnvVars. */
public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
    }
}
