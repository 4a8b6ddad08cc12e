package io.jenkins.plugins.mlops.core.io;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free loopback ports for servers this process starts a little later (a model server, nginx, Prometheus).
 *
 * <p>The port is picked below the kernel's ephemeral range: a port from {@code new ServerSocket(0)} is one
 * the kernel also hands out as the local end of outgoing connections (traffic, Prometheus' scrapes, an
 * agent's channel), so between the pick and the server's bind it could be taken, and the server then fails
 * with "Address already in use" (seen: a canary that never served, a rollout paused for a person). A port is
 * handed out once per process, so two servers never get the same one.
 */
public final class LoopbackPorts {
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Below this are well-known services; the range picked from is [LOWEST, ephemeral start). */
    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private LoopbackPorts() {
    }

    /** A loopback port nothing listens on now and this process has not handed out before. */
    public static int free() throws IOException {
        int below = ephemeralRangeStart(EPHEMERAL_RANGE);
        for (int attempt = 0; attempt < 200 && below - LOWEST >= 1_000; attempt++) {
            int port = LOWEST + ThreadLocalRandom.current().nextInt(below - LOWEST);
            if (HANDED_OUT.add(port) && bindable(port)) {
                return port;
            }
        }
        for (int attempt = 0; attempt < 200; attempt++) {   // no room below the range (or not Linux): the kernel's pick
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
        throw new IOException("no free loopback port found in 400 attempts");
    }

    /**
     * The first port of the kernel's ephemeral range in {@code rangeFile} (Linux: "32768\t60999"); 32768 when it
     * cannot be read. Read with one large read: a sysctl file answers only the first read of an open file, and
     * {@code Files.readAllBytes} (which sizes its first read by the file's size, 0 here) got "3".
     */
    static int ephemeralRangeStart(Path rangeFile) {
        try {
            List<String> lines = Files.readAllLines(rangeFile);
            return Integer.parseInt(lines.get(0).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException unreadable) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
