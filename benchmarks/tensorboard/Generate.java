import com.google.protobuf.CodedOutputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The same N scalar points twice: as a TensorBoard event file (one scalar per event, as training
 * loops log them: metrics 0-4 as simple_value like PyTorch's add_scalar, 5-9 as TF2 float32 tensors
 * like tf.summary.scalar) and as long-form JSON Lines with the same step, value (the float widened,
 * written exactly) and timestamp (the event's wall time in milliseconds).
 *   java -cp mlops.jar Generate.java OUT_DIR N   writes OUT_DIR/points.jsonl and OUT_DIR/logs/events.out.tfevents.*
 */
public class Generate {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Files.createDirectories(out.resolve("logs"));
        try (OutputStream events = new BufferedOutputStream(
                Files.newOutputStream(out.resolve("logs/events.out.tfevents.1700000000.bench.1.0")), 1 << 20);
             BufferedWriter jsonl = Files.newBufferedWriter(out.resolve("points.jsonl"), StandardCharsets.UTF_8)) {
            byte[] buffer = new byte[256];
            for (int i = 0; i < n; i++) {
                int step = i / 10;
                int metric = i % 10;
                String tag = "metric_" + metric;
                float value = (float) (Math.exp(-step / 30000.0) + metric / 100.0);
                long millis = 1_700_000_000_000L + i;
                CodedOutputStream summaryValue = CodedOutputStream.newInstance(buffer);
                summaryValue.writeString(1, tag);
                if (metric < 5) {
                    summaryValue.writeFloat(2, value);
                } else {
                    byte[] tensor = new byte[16];
                    CodedOutputStream t = CodedOutputStream.newInstance(tensor);
                    t.writeEnum(1, 1); // DT_FLOAT
                    t.writeByteArray(2, new byte[0]); // a scalar's empty shape
                    t.writeTag(5, 2);
                    t.writeUInt32NoTag(4);
                    t.writeFloatNoTag(value);
                    summaryValue.writeByteArray(8, tensor, 0, t.getTotalBytesWritten());
                    if (step == 0) { // TensorFlow names the plugin with a tag's first value only
                        byte[] metadata = {0x0a, 0x09, 0x0a, 0x07, 's', 'c', 'a', 'l', 'a', 'r', 's'};
                        summaryValue.writeByteArray(9, metadata);
                    }
                }
                int valueLength = summaryValue.getTotalBytesWritten();
                byte[] valueBytes = java.util.Arrays.copyOf(buffer, valueLength);
                byte[] event = new byte[valueLength + 32];
                CodedOutputStream e = CodedOutputStream.newInstance(event);
                e.writeDouble(1, millis / 1000.0);
                e.writeInt64(2, step);
                e.writeTag(5, 2);
                e.writeUInt32NoTag(CodedOutputStream.computeByteArraySize(1, valueBytes));
                e.writeByteArray(1, valueBytes);
                record(events, event, e.getTotalBytesWritten());
                jsonl.write("{\"step\": " + step + ", \"name\": \"" + tag + "\", \"value\": " + (double) value
                        + ", \"timestamp\": " + millis + "}\n");
            }
        }
    }

    private static void record(OutputStream out, byte[] data, int length) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(length);
        header.putInt(masked(header.array(), 0, 8));
        out.write(header.array());
        out.write(data, 0, length);
        out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(masked(data, 0, length)).array());
    }

    private static int masked(byte[] bytes, int from, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, from, length);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }
}
