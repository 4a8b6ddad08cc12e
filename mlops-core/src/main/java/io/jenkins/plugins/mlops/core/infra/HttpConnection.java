package io.jenkins.plugins.mlops.core.infra;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A minimal HTTP/1.1 keep-alive client over one connection, TCP or unix socket alike. Written here
 * because java.net.http cannot speak over a unix socket, and because a load generator must not be
 * the bottleneck: one pre-encoded request, one reused buffer, no allocation per header, no
 * thread hand-offs (java.net.http's async pipeline costs several times more CPU per request).
 * I/O is blocking (a write and a read per request, as few system calls as wrk makes); timeouts
 * come from {@link Watchdog}, which closes a connection whose answer is overdue. Understands
 * Content-Length and chunked bodies; not a general-purpose client.
 */
public final class HttpConnection implements AutoCloseable {
    private static final int MAX_HEAD = 64 * 1024;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final Endpoint endpoint;
    private volatile SocketChannel channel;
    private ByteBuffer in = ByteBuffer.allocate(16 * 1024);
    /** System.nanoTime() by which the current exchange must be done; Long.MAX_VALUE when idle. */
    volatile long deadline = Long.MAX_VALUE;
    volatile boolean timedOut;

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
        timedOut = false;
        deadline = System.nanoTime() + timeoutNanos;
        Watchdog.watch(this);
        try {
            if (channel == null) {
                channel = endpoint.connect();
                in.clear().flip();
            }
            ByteBuffer out = ByteBuffer.wrap(request);
            while (out.hasRemaining()) {
                channel.write(out);
            }
            return readResponse(deadline, keepBody);
        } catch (java.nio.channels.AsynchronousCloseException e) {
            close();
            if (timedOut) {
                throw new SocketTimeoutException("no answer within " + (timeoutNanos / 1_000_000) + " ms from " + endpoint);
            }
            throw e;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        } finally {
            deadline = Long.MAX_VALUE;
        }
    }

    /** Called by the watchdog when the answer is overdue: closing the channel wakes the blocked read. */
    void expire() {
        timedOut = true;
        SocketChannel c = channel;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
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
            return channel.read(in) >= 0; // blocking: > 0 or end of stream
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
        byte[] a = in.array();
        int start = in.position();
        in.position(headEnd + 4);
        // status line: HTTP/1.x NNN
        if (headEnd - start < 12 || a[start] != 'H' || a[start + 4] != '/' || a[start + 8] != ' ') {
            close();
            throw new IOException("not an HTTP answer: " + new String(a, start, Math.min(80, headEnd - start),
                    StandardCharsets.ISO_8859_1));
        }
        int status = (a[start + 9] - '0') * 100 + (a[start + 10] - '0') * 10 + (a[start + 11] - '0');
        if (status < 100 || status > 999) {
            close();
            throw new IOException("not an HTTP status: " + new String(a, start, 12, StandardCharsets.ISO_8859_1));
        }
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = a[start + 7] == '0'; // HTTP/1.0
        int line = indexOfCrlf(a, start, headEnd) + 2;
        while (line < headEnd) {
            int end = indexOfCrlf(a, line, headEnd);
            if (end < 0) {
                end = headEnd;
            }
            int colon = line;
            while (colon < end && a[colon] != ':') {
                colon++;
            }
            if (colon < end) {
                if (nameIs(a, line, colon, "content-length")) {
                    length = Long.parseLong(value(a, colon, end));
                } else if (nameIs(a, line, colon, "transfer-encoding")) {
                    chunked = value(a, colon, end).toLowerCase(Locale.ROOT).contains("chunked");
                } else if (nameIs(a, line, colon, "connection")) {
                    String v = value(a, colon, end).toLowerCase(Locale.ROOT);
                    if (v.contains("close")) {
                        closeAfter = true;
                    } else if (v.contains("keep-alive")) {
                        closeAfter = false;
                    }
                }
            }
            line = end + 2;
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

    private static int indexOfCrlf(byte[] a, int from, int to) {
        for (int i = from; i < to - 1; i++) {
            if (a[i] == '\r' && a[i + 1] == '\n') {
                return i;
            }
        }
        return to;
    }

    private static boolean nameIs(byte[] a, int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.toLowerCase((char) a[from + i]) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String value(byte[] a, int colon, int end) {
        return new String(a, colon + 1, end - colon - 1, StandardCharsets.ISO_8859_1).trim();
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
        Watchdog.forget(this);
        SocketChannel c = channel;
        channel = null;
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                // closing: nothing left to do
            }
        }
    }
}
