package io.jenkins.plugins.mlops.core.infra;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 keep-alive client over one connection, TCP or unix socket alike. Written here
 * because java.net.http cannot speak over a unix socket, and because a load generator must not be
 * the bottleneck: one pre-encoded request, one reused buffer, no allocation per header, no
 * thread hand-offs (java.net.http's async pipeline costs several times more CPU per request).
 * Reads are non-blocking with a selector only when no bytes are ready, which gives timeouts.
 * Understands Content-Length and chunked bodies; not a general-purpose client.
 */
public final class HttpConnection implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final Endpoint endpoint;
    private SocketChannel channel;
    private Selector selector;
    private ByteBuffer in = ByteBuffer.allocate(16 * 1024);

    /** An HTTP answer. */
    public record Response(int status, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    public HttpConnection(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** Encodes a request once, so the load generator can send the same bytes again and again. */
    public static byte[] encode(Endpoint endpoint, String method, String path, byte[] body, String contentType) {
        StringBuilder head = new StringBuilder(128);
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(endpoint.hostHeader())
                .append("\r\nUser-Agent: mlops-infra\r\nAccept: */*\r\n");
        if (body != null) {
            head.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length)
                    .append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return headBytes;
        }
        byte[] all = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, all, 0, headBytes.length);
        System.arraycopy(body, 0, all, headBytes.length, body.length);
        return all;
    }

    /**
     * Sends {@code request} (from {@link #encode}) and reads the answer; reconnects first if the
     * previous answer closed the connection.
     *
     * @param keepBody false to skip copying the body (load test)
     */
    public Response exchange(byte[] request, long timeoutNanos, boolean keepBody) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        if (channel == null) {
            open();
        }
        write(ByteBuffer.wrap(request), deadline);
        return readResponse(deadline, keepBody);
    }

    private void open() throws IOException {
        channel = endpoint.connect();
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, 0);
        in.clear().flip();
    }

    private void write(ByteBuffer out, long deadline) throws IOException {
        while (out.hasRemaining()) {
            if (channel.write(out) == 0) {
                await(SelectionKey.OP_WRITE, deadline);
            }
        }
    }

    private void await(int op, long deadline) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            close();
            throw new java.io.InterruptedIOException("interrupted");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            close();
            throw new SocketTimeoutException("no answer in time from " + endpoint);
        }
        SelectionKey key = channel.keyFor(selector);
        key.interestOps(op);
        selector.select(Math.max(1, left / 1_000_000));
        selector.selectedKeys().clear();
    }

    /** Makes sure at least one more byte is buffered (compacting); false at end of stream. */
    private boolean fill(long deadline) throws IOException {
        in.compact();
        try {
            if (!in.hasRemaining()) {
                if (in.capacity() >= MAX_BODY) {
                    throw new IOException("answer too large");
                }
                ByteBuffer bigger = ByteBuffer.allocate(in.capacity() * 2);
                in.flip();
                bigger.put(in);
                in = bigger;
            }
            while (true) {
                int n = channel.read(in);
                if (n > 0) {
                    return true;
                }
                if (n < 0) {
                    return false;
                }
                await(SelectionKey.OP_READ, deadline);
            }
        } finally {
            in.flip();
        }
    }

    private Response readResponse(long deadline, boolean keepBody) throws IOException {
        // status line + headers
        int headEnd;
        while ((headEnd = indexOfHeadEnd()) < 0) {
            if (in.remaining() > MAX_HEAD) {
                throw new IOException("response headers too large");
            }
            if (!fill(deadline)) {
                close();
                throw new EOFException("connection closed by the server before an answer");
            }
        }
        String head = new String(in.array(), in.position(), headEnd - in.position(), StandardCharsets.ISO_8859_1);
        in.position(headEnd + 4);
        int firstSpace = head.indexOf(' ');
        if (!head.startsWith("HTTP/1.") || firstSpace < 0 || head.length() < firstSpace + 4) {
            close();
            throw new IOException("not an HTTP answer: " + head.lines().findFirst().orElse(""));
        }
        int status = Integer.parseInt(head.substring(firstSpace + 1, firstSpace + 4));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = head.startsWith("HTTP/1.0");
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> {
                    String v = value.toLowerCase(Locale.ROOT);
                    if (v.contains("close")) {
                        closeAfter = true;
                    } else if (v.contains("keep-alive")) {
                        closeAfter = false;
                    }
                }
                default -> { }
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked(deadline, keepBody);
        } else if (length >= 0) {
            if (length > MAX_BODY) {
                throw new IOException("answer too large: " + length + " bytes");
            }
            body = readFixed((int) length, deadline, keepBody);
        } else if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
            body = new byte[0];
        } else {
            body = readToEnd(deadline, keepBody);
            closeAfter = true;
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, body);
    }

    private int indexOfHeadEnd() {
        byte[] a = in.array();
        for (int i = in.position(), end = in.limit() - 3; i < end; i++) {
            if (a[i] == '\r' && a[i + 1] == '\n' && a[i + 2] == '\r' && a[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private byte[] readFixed(int length, long deadline, boolean keep) throws IOException {
        byte[] body = keep ? new byte[length] : null;
        int done = 0;
        while (done < length) {
            if (!in.hasRemaining() && !fill(deadline)) {
                close();
                throw new EOFException("connection closed in the middle of an answer");
            }
            int n = Math.min(in.remaining(), length - done);
            if (keep) {
                in.get(body, done, n);
            } else {
                in.position(in.position() + n);
            }
            done += n;
        }
        return keep ? body : new byte[0];
    }

    private String readLine(long deadline) throws IOException {
        while (true) {
            byte[] a = in.array();
            for (int i = in.position(); i < in.limit() - 1; i++) {
                if (a[i] == '\r' && a[i + 1] == '\n') {
                    String line = new String(a, in.position(), i - in.position(), StandardCharsets.ISO_8859_1);
                    in.position(i + 2);
                    return line;
                }
            }
            if (!fill(deadline)) {
                close();
                throw new EOFException("connection closed in the middle of a chunked answer");
            }
        }
    }

    private byte[] readChunked(long deadline, boolean keep) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(deadline);
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi >= 0 ? sizeLine.substring(0, semi) : sizeLine).trim(), 16);
            if (size == 0) {
                while (!readLine(deadline).isEmpty()) {
                    // trailers
                }
                return keep ? body.toByteArray() : new byte[0];
            }
            byte[] chunk = readFixed(size, deadline, keep);
            if (keep) {
                body.write(chunk, 0, chunk.length);
            }
            readLine(deadline);
        }
    }

    private byte[] readToEnd(long deadline, boolean keep) throws IOException {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        do {
            if (keep) {
                body.write(in.array(), in.position(), in.remaining());
            }
            in.position(in.limit());
        } while (fill(deadline));
        return body.toByteArray();
    }

    @Override
    public void close() {
        try {
            if (selector != null) {
                selector.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            // closing: nothing left to do
        } finally {
            selector = null;
            channel = null;
        }
    }
}
