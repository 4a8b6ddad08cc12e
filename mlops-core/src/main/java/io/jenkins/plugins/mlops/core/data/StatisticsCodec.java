package io.jenkins.plugins.mlops.core.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.memory.Memory;

/**
 * A partition's statistics as bytes and back, so that executors in other processes can send them
 * to the driver: counts and moments as numbers, the quantile sample (its values, weights and
 * error terms, which merge after reading exactly as the live sketches do), the distinct counter's
 * hashes or registers, the frequent items, and the kept
 * example lines. The sketches write their own state (NumericSketch/DistinctCounter.writeTo). The column checks are not sent: both sides rebuild them from the schema.
 */
final class StatisticsCodec {
    /** Bumped when the layout changes: a driver and executors of different builds must not mix. */
    private static final int VERSION = 1;
    private static final ArrayOfStringsSerDe STRINGS = new ArrayOfStringsSerDe();

    private StatisticsCodec() {
    }

    static byte[] write(PartitionScan scan) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(VERSION);
            out.writeUTF(scan.format().name());
            writeStrings(out, scan.columns());
            RowTable t = scan.table;
            out.writeInt(t.sampleCapacity);
            out.writeLong(t.rows);
            out.writeLong(t.lines);
            writeLines(out, t.ragged);
            writeLines(out, t.unparseable);
            out.writeInt(t.columns.size());
            for (FeatureAccumulator acc : t.columns.values()) {
                writeColumn(out, acc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static PartitionScan read(byte[] data, DataSchema schema) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalStateException("partition statistics of layout " + version + ", this build reads " + VERSION
                        + ": run the same mlops-spark jar on the driver and the executors");
            }
            DataFormat format = DataFormat.valueOf(in.readUTF());
            List<String> columns = readStrings(in);
            int sampleCapacity = in.readInt();
            var checks = PartitionScan.checks(schema);
            RowTable table = new RowTable(checks, sampleCapacity);
            table.rows = in.readLong();
            table.lines = in.readLong();
            readLines(in, table.ragged);
            readLines(in, table.unparseable);
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                FeatureAccumulator acc = new FeatureAccumulator(name, checks.apply(name), sampleCapacity);
                readColumn(in, acc);
                table.columns.put(name, acc);
            }
            return new PartitionScan(format, columns, schema, table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeColumn(DataOutputStream out, FeatureAccumulator acc) throws IOException {
        acc.finish(); // the buffered numbers belong in the sketch and moments before they are sent
        out.writeUTF(acc.name);
        out.writeLong(acc.firstLine);
        for (long v : new long[] {acc.present, acc.missing, acc.intCount, acc.floatCount, acc.stringCount, acc.nanCount,
            acc.infCount, acc.numCount, acc.stringLengthSum, acc.stringLengthMin, acc.stringLengthMax}) {
            out.writeLong(v);
        }
        for (double v : new double[] {acc.mean, acc.m2, acc.min, acc.max}) {
            out.writeDouble(v);
        }
        acc.sketch.writeTo(out);
        acc.distinct.writeTo(out);
        writeBytes(out, acc.items == null ? null : acc.items.toByteArray(STRINGS));
        for (LineExamples l : new LineExamples[] {acc.typeMismatch, acc.outOfDomain, acc.unseen, acc.missingRows}) {
            writeLines(out, l);
        }
    }

    private static void readColumn(DataInputStream in, FeatureAccumulator acc) throws IOException {
        acc.firstLine = in.readLong();
        acc.present = in.readLong();
        acc.missing = in.readLong();
        acc.intCount = in.readLong();
        acc.floatCount = in.readLong();
        acc.stringCount = in.readLong();
        acc.nanCount = in.readLong();
        acc.infCount = in.readLong();
        acc.numCount = in.readLong();
        acc.stringLengthSum = in.readLong();
        acc.stringLengthMin = in.readLong();
        acc.stringLengthMax = in.readLong();
        acc.mean = in.readDouble();
        acc.m2 = in.readDouble();
        acc.min = in.readDouble();
        acc.max = in.readDouble();
        acc.sketch.readFrom(in);
        acc.distinct.readFrom(in);
        byte[] items = readBytes(in);
        acc.items = items == null ? null : ItemsSketch.getInstance(Memory.wrap(items), STRINGS);
        for (LineExamples l : new LineExamples[] {acc.typeMismatch, acc.outOfDomain, acc.unseen, acc.missingRows}) {
            readLines(in, l);
        }
    }

    private static void writeLines(DataOutputStream out, LineExamples l) throws IOException {
        out.writeLong(l.count());
        List<Long> lines = l.lines();
        out.writeInt(lines.size());
        for (long line : lines) {
            out.writeLong(line);
        }
    }

    private static void readLines(DataInputStream in, LineExamples into) throws IOException {
        long count = in.readLong();
        int kept = in.readInt();
        LineExamples read = new LineExamples();
        for (int i = 0; i < kept; i++) {
            read.add(in.readLong());
        }
        // the lines beyond those kept were counted, not located
        into.merge(read, 0);
        into.addUncounted(count - kept);
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        return n < 0 ? null : in.readNBytes(n);
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            out.writeUTF(s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }
}
