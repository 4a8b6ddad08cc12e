package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.io.SingleByteRead;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads (inflates) its source on a second thread, a few blocks ahead of the parser, so a gzip file
 * uses two cores: one inflating, one parsing.
 */
final class ReadAheadStream extends InputStream {
    private static final byte[] END = new byte[0];
    private final BlockingQueue<Object> blocks = new ArrayBlockingQueue<>(8);
    private final Thread reader;
    private byte[] current = new byte[0];
    private int pos;
    private volatile boolean closed;

    ReadAheadStream(InputStream source) {
        reader = new Thread(() -> {
            try (source) {
                while (!closed) {
                    byte[] block = source.readNBytes(ByteSource.BUFFER);
                    if (block.length == 0) {
                        break;
                    }
                    blocks.put(block);
                }
                blocks.put(END);
            } catch (IOException e) {
                putQuietly(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "mlops-read-ahead");
        reader.setDaemon(true);
        reader.start();
    }

    private void putQuietly(Object item) {
        try {
            blocks.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public int read() throws IOException {
        return SingleByteRead.of(this);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (current == END) {
            return -1;
        }
        if (pos == current.length) {
            Object next;
            try {
                next = blocks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            if (next instanceof IOException e) {
                current = END;
                throw e;
            }
            current = (byte[]) next;
            pos = 0;
            if (current == END) {
                return -1;
            }
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        closed = true;
        blocks.clear();
        reader.interrupt();
    }
}
