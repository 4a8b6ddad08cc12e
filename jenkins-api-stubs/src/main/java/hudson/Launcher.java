package hudson;

/** Stub of hudson.Launcher: a parameter type of SimpleBuildStep.perform only. */
public abstract class Launcher {
    protected Launcher(Launcher launcher) {
    }
}
