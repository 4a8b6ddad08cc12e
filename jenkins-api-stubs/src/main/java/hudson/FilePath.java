package hudson;

import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import org.jenkinsci.remoting.RoleSensitive;

/** Stub of hudson.FilePath: only the members the glue calls. */
public final class FilePath {
    public FilePath(File localPath) {
    }

    public <T> T act(FileCallable<T> callable) throws IOException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    public String getRemote() {
        throw new UnsupportedOperationException();
    }

    public boolean isRemote() {
        throw new UnsupportedOperationException();
    }

    /** Stub of hudson.FilePath.FileCallable. */
    public interface FileCallable<T> extends Serializable, RoleSensitive {
        T invoke(File f, hudson.remoting.VirtualChannel channel) throws IOException, InterruptedException;
    }
}
