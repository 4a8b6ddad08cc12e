package io.jenkins.plugins.mlops.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class LoopbackPortsTest {
    private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void theKernelsWholeRangeStartIsReadNotOnlyTheFirstByteASysctlFileGivesAShortRead() throws Exception {
        assumeTrue("a Linux kernel's sysctl file", Files.isReadable(RANGE));
        // what cat prints: cat reads with a large buffer, which a sysctl file answers whole
        Process cat = new ProcessBuilder("cat", RANGE.toString()).start();
        String printed = new String(cat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(cat.waitFor()).isZero();

        assertThat(LoopbackPorts.ephemeralRangeStart(RANGE)).isEqualTo(Integer.parseInt(printed.trim().split("\\s+")[0]));
    }

    @Test
    public void anUnreadableOrGarbledRangeFallsBackToLinuxsDefaultStart() throws IOException {
        Path garbled = Files.writeString(tmp.newFile().toPath(), "ports: many\n");

        assertThat(LoopbackPorts.ephemeralRangeStart(garbled)).isEqualTo(32_768);
        assertThat(LoopbackPorts.ephemeralRangeStart(tmp.getRoot().toPath().resolve("absent"))).isEqualTo(32_768);
        assertThat(LoopbackPorts.ephemeralRangeStart(Files.writeString(tmp.newFile().toPath(), ""))).isEqualTo(32_768);
    }

    @Test
    public void portsAreBelowTheEphemeralRangeBindableAndNeverHandedOutTwice() throws IOException {
        int rangeStart = LoopbackPorts.ephemeralRangeStart(RANGE);
        assumeTrue("room below the ephemeral range", rangeStart >= 11_000);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            int port = LoopbackPorts.free();
            assertThat(port).isBetween(10_000, rangeStart - 1);
            assertThat(seen.add(port)).as("port %d handed out twice", port).isTrue();
        }
        int last = LoopbackPorts.free();
        try (ServerSocket server = new ServerSocket(last, 1, InetAddress.getLoopbackAddress())) {
            assertThat(server.getLocalPort()).isEqualTo(last);
        }
    }
}
