package hudson.model;

import java.io.IOException;
import java.io.PrintStream;

/** Stub of hudson.model.TaskListener. */
public interface TaskListener extends org.jenkinsci.remoting.SerializableOnlyOverRemoting {
    PrintStream getLogger();

    default void hyperlink(String url, String text) throws IOException {
        throw new UnsupportedOperationException();
    }
}
