package io.jenkins.plugins.mlops.core.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Scans a JSON Lines file: one thread reads lines in batches, the others parse them (one JSON
 * object per line; numbers stay numbers, strings stay strings, null is a missing value) into
 * their own accumulators, merged at the end. A line that is not a JSON object is counted and
 * located, and the scan goes on.
 */
final class JsonLinesScanner {
    private static final int BATCH = 2048;
    private static final JsonFactory JSON = new JsonFactory();

    private record Batch(long firstLine, List<String> lines) {
    }

    private static final Batch END = new Batch(-1, List.of());

    private JsonLinesScanner() {
    }

    static RowTable scan(DataFile file, Function<String, ColumnCheck> checks, List<String> expected, int threads) {
        int workers = Math.max(1, threads);
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(workers * 4);
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "mlops-jsonl-scan");
            t.setDaemon(true);
            return t;
        });
        List<RowTable> tables = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            RowTable table = new RowTable(checks);
            tables.add(table);
            futures.add(pool.submit(() -> work(queue, table, expected)));
        }
        long lines = 0;
        try (InputStream raw = DataFile.open(file.path(), file.gzip())) {
            raw.skipNBytes(file.bomLength());
            BufferedReader reader = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 20);
            List<String> batch = new ArrayList<>(BATCH);
            long first = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                lines++;
                batch.add(line);
                if (batch.size() == BATCH) {
                    queue.put(new Batch(first, batch));
                    first = lines + 1;
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                queue.put(new Batch(first, batch));
            }
            for (int i = 0; i < workers; i++) {
                queue.put(END);
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (IOException e) {
            BadInputException damage = file.gzip() ? DataFile.gzipDamage(file.path(), lines, e) : null;
            if (damage != null) {
                throw damage;
            }
            throw new UncheckedIOException("cannot read " + file.path() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted", e));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        } finally {
            pool.shutdownNow();
        }
        RowTable merged = new RowTable(checks);
        for (RowTable t : tables) {
            merged.merge(t, 0);
        }
        merged.lines = lines;
        // keys absent from a row are missing values of that row
        for (FeatureAccumulator acc : merged.columns.values()) {
            long absent = merged.rows - acc.present - acc.missing;
            acc.missing += Math.max(0, absent);
        }
        return merged;
    }

    private static void work(BlockingQueue<Batch> queue, RowTable table, List<String> expected) {
        Set<String> seen = new HashSet<>();
        try {
            while (true) {
                Batch batch = queue.take();
                if (batch == END) {
                    return;
                }
                long line = batch.firstLine();
                for (String text : batch.lines()) {
                    if (!text.isBlank()) {
                        row(text, line, table, expected, seen);
                    }
                    line++;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void row(String text, long line, RowTable table, List<String> expected, Set<String> seen) {
        seen.clear();
        List<Runnable> values = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                table.unparseable.add(line);
                return;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                seen.add(name);
                switch (v) {
                    case VALUE_NUMBER_INT -> {
                        double d = p.getDoubleValue();
                        values.add(() -> table.column(name).acceptNumber(d, true, line));
                    }
                    case VALUE_NUMBER_FLOAT -> {
                        double d = p.getDoubleValue();
                        values.add(() -> table.column(name).acceptNumber(d, false, line));
                    }
                    case VALUE_STRING -> {
                        String s = p.getText();
                        values.add(() -> table.column(name).acceptString(s, line));
                    }
                    case VALUE_TRUE, VALUE_FALSE -> {
                        String s = p.getText();
                        values.add(() -> table.column(name).acceptString(s, line));
                    }
                    case VALUE_NULL -> values.add(() -> table.column(name).acceptMissing(line));
                    case START_OBJECT, START_ARRAY -> {
                        p.skipChildren();
                        String s = v == JsonToken.START_OBJECT ? "{...}" : "[...]";
                        values.add(() -> table.column(name).acceptString(s, line));
                    }
                    default -> {
                        table.unparseable.add(line);
                        return;
                    }
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                table.unparseable.add(line);
                return;
            }
        } catch (IOException e) {
            table.unparseable.add(line);
            return;
        }
        // only a row that parsed completely counts
        table.rows++;
        for (Runnable r : values) {
            r.run();
        }
        for (String name : expected) {
            if (!seen.contains(name)) {
                FeatureAccumulator acc = table.column(name);
                acc.acceptMissing(line);
            }
        }
        for (String name : seen) {
            FeatureAccumulator acc = table.column(name);
            acc.firstLine = Math.min(acc.firstLine, line);
        }
    }
}
