package io.jenkins.plugins.mlops.core.infra;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * Where the host reaches a sandboxed server: a unix socket (bubblewrap, containers: the sandbox has
 * no network the host could reach) or a loopback TCP port (plain process, benchmarks).
 */
public record Endpoint(String host, int port, String unixSocket) implements Serializable {

    public static Endpoint tcp(String host, int port) {
        return new Endpoint(host, port, null);
    }

    public static Endpoint unix(Path socket) {
        return new Endpoint(null, 0, socket.toString());
    }

    public boolean isUnix() {
        return unixSocket != null;
    }

    /** A connected blocking channel (callers switch it to non-blocking for timeouts). */
    public SocketChannel connect() throws IOException {
        if (isUnix()) {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(unixSocket));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return channel;
        }
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress(host, port));
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    /** The value of the HTTP Host header. */
    public String hostHeader() {
        return isUnix() ? "localhost" : host + ":" + port;
    }

    @Override
    public String toString() {
        return isUnix() ? "unix:" + unixSocket : host + ":" + port;
    }
}
