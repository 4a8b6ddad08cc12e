package io.jenkins.plugins.mlops.cli.testing;

import io.jenkins.plugins.mlops.cli.MlopsCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code mlops ui --port 0 ...} run in-process on a thread, as a user starts it from a shell: waits
 * for the URL it prints; {@link #close()} stops it as Ctrl-C would (the command returns 0).
 */
public final class UiProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");
    private final Thread thread;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private volatile int exitCode = -1;
    private final String url;

    public UiProcess(String... args) throws InterruptedException {
        String[] full = new String[args.length + 3];
        full[0] = "ui";
        full[1] = "--port";
        full[2] = "0";
        System.arraycopy(args, 0, full, 3, args.length);
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        thread = new Thread(() -> exitCode = MlopsCommand.execute(full, o, e), "mlops-ui-test");
        thread.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        String found = null;
        while (found == null && System.nanoTime() < deadline && thread.isAlive()) {
            Matcher m = URL.matcher(out());
            if (m.find()) {
                found = m.group(1);
            } else {
                Thread.sleep(20);
            }
        }
        if (found == null) {
            thread.interrupt();
            throw new IllegalStateException("mlops ui printed no URL; out: " + out() + " err: " + err());
        }
        url = found;
    }

    public String url() {
        return url;
    }

    public synchronized String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    public int exitCode() {
        return exitCode;
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
    }
}
