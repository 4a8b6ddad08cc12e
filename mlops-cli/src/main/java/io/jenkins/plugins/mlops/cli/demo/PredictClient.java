package io.jenkins.plugins.mlops.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One POST /predict of one row to a model server, or to nginx in front of it, on a fresh
 * connection (Connection: close) so that every routing change is seen at once: what the demo's
 * background users send, and the rollout tests' clients.
 */
public final class PredictClient {
    private PredictClient() {
    }

    /** The request body serve.py takes: {@code {"instances": [[f1, f2, ...]]}}. */
    public static byte[] body(double[] features) {
        StringBuilder json = new StringBuilder("{\"instances\": [[");
        for (int i = 0; i < features.length; i++) {
            json.append(i == 0 ? "" : ",").append(features[i]);
        }
        return json.append("]]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Sends {@code body} with {@code extraHeader} ("Name: value", or null) and returns the whole
     * answer, status line, headers and body, as the server wrote it.
     */
    public static String post(String host, int port, byte[] body, String extraHeader, int timeoutMillis) throws IOException {
        String head = "POST /predict HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                + (extraHeader == null ? "" : extraHeader + "\r\n") + "\r\n";
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(timeoutMillis);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
