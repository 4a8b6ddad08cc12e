package io.jenkins.plugins.mlops.cli.ui;

import java.net.InetAddress;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which {@code Host} headers {@code mlops ui} answers: the names of the address it is bound to
 * ({@code 127.0.0.1}, {@code localhost}, the bound address itself; any IP literal when bound to all
 * addresses), with no port or its own port. A page on another site that rebinds its own name to
 * 127.0.0.1 (DNS rebinding) sends its own name as Host, and is refused, so it cannot read the store.
 */
final class HostCheck {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final InetAddress bound;
    private final int port;

    HostCheck(InetAddress bound, int port) {
        this.bound = bound;
        this.port = port;
    }

    boolean allows(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return false;
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        String name = host;
        int colon = host.lastIndexOf(':');
        if (colon > host.lastIndexOf(']')) {
            name = host.substring(0, colon);
            if (!host.substring(colon + 1).equals(Integer.toString(port))) {
                return false;
            }
        }
        if (name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]")) {
            return true;
        }
        String boundName = bound.getHostAddress();
        if (name.equals(boundName) || name.equals("[" + boundName + "]")) {
            return true;
        }
        // bound to every address: reached by any of the machine's IP addresses, never by a name
        return bound.isAnyLocalAddress() && (IPV4.matcher(name).matches() || (name.startsWith("[") && name.endsWith("]")));
    }
}
