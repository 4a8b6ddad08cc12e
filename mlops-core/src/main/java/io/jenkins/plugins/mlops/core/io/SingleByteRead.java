package io.jenkins.plugins.mlops.core.io;

import java.io.IOException;
import java.io.InputStream;

/** {@link InputStream#read()} for the streams here that do their work in their bulk read. */
public final class SingleByteRead {
    private SingleByteRead() {
    }

    /** One byte through {@code in}'s {@code read(byte[], int, int)}, or -1 at the end. */
    public static int of(InputStream in) throws IOException {
        byte[] one = new byte[1];
        int n;
        do {
            n = in.read(one, 0, 1);
        } while (n == 0);
        return n < 0 ? -1 : one[0] & 0xff;
    }
}
