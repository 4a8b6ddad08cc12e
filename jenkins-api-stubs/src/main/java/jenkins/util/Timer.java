package jenkins.util;

import java.util.concurrent.ScheduledExecutorService;

/** Stub of jenkins.util.Timer: Jenkins's shared scheduler, shut down with Jenkins. */
public class Timer {
    private Timer() {
    }

    public static synchronized ScheduledExecutorService get() {
        throw new UnsupportedOperationException();
    }
}
