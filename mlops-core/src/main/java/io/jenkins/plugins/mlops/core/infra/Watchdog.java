package io.jenkins.plugins.mlops.core.infra;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Enforces {@link HttpConnection} timeouts: one daemon thread looks every few milliseconds for an
 * exchange past its deadline and closes that connection, which wakes its blocked read. Cheaper
 * per request than a selector, so the load generator stays a thin layer over two system calls.
 */
final class Watchdog {
    private static final Set<HttpConnection> WATCHED = ConcurrentHashMap.newKeySet();

    static {
        Thread t = new Thread(Watchdog::loop, "mlops-http-watchdog");
        t.setDaemon(true);
        t.start();
    }

    private Watchdog() {
    }

    static void watch(HttpConnection connection) {
        WATCHED.add(connection);
    }

    static void forget(HttpConnection connection) {
        WATCHED.remove(connection);
    }

    private static void loop() {
        while (true) {
            long now = System.nanoTime();
            for (HttpConnection c : WATCHED) {
                if (now - c.deadline > 0 && c.deadline != Long.MAX_VALUE) {
                    c.expire();
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
