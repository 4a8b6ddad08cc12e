package io.jenkins.plugins.mlops.core.track.ingest;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * A TensorBoard event file writer for the tests, written from the published formats (TFRecord
 * framing; tensorflow/core/util/event.proto, summary.proto, tensor.proto; the hparams plugin's
 * plugin_data.proto) with protobuf-java's CodedOutputStream: the reader's counterpart, not its
 * mirror. Records are appended as written; {@link #offsets()} gives where each one starts.
 */
final class TensorBoardEventWriter implements AutoCloseable {
    private final OutputStream out;
    private final java.util.List<Long> offsets = new java.util.ArrayList<>();
    private long written;

    TensorBoardEventWriter(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        out = Files.newOutputStream(file);
    }

    java.util.List<Long> offsets() {
        return offsets;
    }

    TensorBoardEventWriter fileVersion(double wallTime) throws IOException {
        return record(event(wallTime, null, null, "brain.Event:2"));
    }

    /** One event with simple_value scalars (TF1's FileWriter, PyTorch's add_scalar). */
    TensorBoardEventWriter simpleValues(double wallTime, long step, Map<String, Float> values) throws IOException {
        ByteArrayOutputStream summary = new ByteArrayOutputStream();
        for (Map.Entry<String, Float> e : values.entrySet()) {
            summary.write(message(1, message(c -> {
                c.writeString(1, e.getKey());
                c.writeFloat(2, e.getValue());
            })));
        }
        return record(event(wallTime, step, summary.toByteArray(), null));
    }

    /** A simple_value whose tag is the raw bytes given (e.g. not UTF-8). */
    TensorBoardEventWriter simpleValueWithTagBytes(double wallTime, long step, byte[] tag, float value) throws IOException {
        byte[] summary = message(1, message(c -> {
            c.writeByteArray(1, tag);
            c.writeFloat(2, value);
        }));
        return record(event(wallTime, step, summary, null));
    }

    /** One TF2 tf.summary.scalar event: a float32 scalar tensor in float_val, the plugin named when {@code first}. */
    TensorBoardEventWriter tensorScalar(double wallTime, long step, String tag, float value, boolean first)
            throws IOException {
        byte[] tensor = message(c -> {
            c.writeEnum(1, 1); // DT_FLOAT
            c.writeByteArray(2, new byte[0]); // shape []: a scalar
            c.writeTag(5, 2); // float_val, packed
            c.writeUInt32NoTag(4);
            c.writeFloatNoTag(value);
        });
        return record(event(wallTime, step, message(1, value(tag, tensor, first ? "scalars" : null)), null));
    }

    /** A double scalar tensor whose value is in tensor_content, as tensor_util.make_tensor_proto writes it. */
    TensorBoardEventWriter doubleTensorScalar(double wallTime, long step, String tag, double value, boolean first)
            throws IOException {
        byte[] tensor = message(c -> {
            c.writeEnum(1, 2); // DT_DOUBLE
            c.writeByteArray(2, new byte[0]);
            c.writeByteArray(4, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array());
        });
        return record(event(wallTime, step, message(1, value(tag, tensor, first ? "scalars" : null)), null));
    }

    /** A float16 scalar tensor (DT_HALF, its bits in half_val), a type tracking does not read. */
    TensorBoardEventWriter halfTensorScalar(double wallTime, long step, String tag, boolean first) throws IOException {
        byte[] tensor = message(c -> {
            c.writeEnum(1, 19); // DT_HALF
            c.writeByteArray(2, new byte[0]);
            c.writeInt32(13, 0x3C00); // 1.0 in half precision
        });
        return record(event(wallTime, step, message(1, value(tag, tensor, first ? "scalars" : null)), null));
    }

    /** A histogram plugin tensor (shape [2, 3]): not a scalar, to be skipped. */
    TensorBoardEventWriter histogram(double wallTime, long step, String tag) throws IOException {
        byte[] tensor = message(c -> {
            c.writeEnum(1, 2);
            c.writeByteArray(2, message(s -> {
                s.writeByteArray(2, message(d -> d.writeInt64(1, 2)));
                s.writeByteArray(2, message(d -> d.writeInt64(1, 3)));
            }));
            c.writeTag(6, 2);
            c.writeUInt32NoTag(48);
            for (int i = 0; i < 6; i++) {
                c.writeDoubleNoTag(i);
            }
        });
        return record(event(wallTime, step, message(1, value(tag, tensor, "histograms")), null));
    }

    /** The hparams plugin's session_start_info: numbers, strings and booleans. */
    TensorBoardEventWriter hparams(double wallTime, Map<String, Object> hparams) throws IOException {
        byte[] start = message(c -> {
            for (Map.Entry<String, Object> e : hparams.entrySet()) {
                c.writeByteArray(1, message(entry -> {
                    entry.writeString(1, e.getKey());
                    entry.writeByteArray(2, message(v -> {
                        if (e.getValue() instanceof Number n) {
                            v.writeDouble(2, n.doubleValue());
                        } else if (e.getValue() instanceof Boolean b) {
                            v.writeBool(4, b);
                        } else {
                            v.writeString(3, e.getValue().toString());
                        }
                    }));
                }));
            }
        });
        byte[] pluginData = message(c -> {
            c.writeInt32(1, 0);
            c.writeByteArray(3, start);
        });
        byte[] metadata = message(c -> c.writeByteArray(1, message(p -> {
            p.writeString(1, "hparams");
            p.writeBytes(2, ByteString.copyFrom(pluginData));
        })));
        byte[] value = message(c -> {
            c.writeString(1, "_hparams_/session_start_info");
            c.writeByteArray(9, metadata);
        });
        return record(event(wallTime, 0L, message(1, value), null));
    }

    private static byte[] value(String tag, byte[] tensor, String plugin) throws IOException {
        return message(c -> {
            c.writeString(1, tag);
            c.writeByteArray(8, tensor);
            if (plugin != null) {
                c.writeByteArray(9, message(m -> m.writeByteArray(1, message(p -> p.writeString(1, plugin)))));
            }
        });
    }

    private static byte[] event(double wallTime, Long step, byte[] summary, String fileVersion) throws IOException {
        return message(c -> {
            c.writeDouble(1, wallTime);
            if (step != null) {
                c.writeInt64(2, step);
            }
            if (fileVersion != null) {
                c.writeString(3, fileVersion);
            }
            if (summary != null) {
                c.writeByteArray(5, summary);
            }
        });
    }

    /** A field {@code field} holding {@code payload}, length-delimited. */
    private static byte[] message(int field, byte[] payload) throws IOException {
        return message(c -> c.writeByteArray(field, payload));
    }

    interface Fields {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Fields fields) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream coded = CodedOutputStream.newInstance(bytes);
        fields.write(coded);
        coded.flush();
        return bytes.toByteArray();
    }

    /** TFRecord framing: length, masked CRC of the length, data, masked CRC of the data. */
    TensorBoardEventWriter record(byte[] data) throws IOException {
        byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
        ByteBuffer frame = ByteBuffer.allocate(16 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        frame.put(length).putInt(maskedCrc(length)).put(data).putInt(maskedCrc(data));
        offsets.add(written);
        out.write(frame.array());
        written += frame.capacity();
        return this;
    }

    static int maskedCrc(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        int c = (int) crc.getValue();
        return ((c >>> 15) | (c << 17)) + 0xa282ead8;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
