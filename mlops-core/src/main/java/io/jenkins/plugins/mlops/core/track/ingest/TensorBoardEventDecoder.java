package io.jenkins.plugins.mlops.core.track.ingest;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes TensorBoard {@code Event} protos (tensorflow/core/util/event.proto) field by field from
 * the wire, keeping what tracking needs: {@code wall_time} (1), {@code step} (2) and the summary's
 * (5) values. A value is a scalar point when it has a {@code simple_value} (2: TF1, PyTorch's
 * add_scalar), or a one-element number {@code tensor} (8) whose tag the "scalars" plugin owns (TF2's
 * tf.summary.scalar; TensorFlow writes the {@code metadata} (9) naming the plugin only with a
 * tag's first value, so the owner is remembered per run, as TensorBoard does). The hparams plugin's
 * {@code session_start_info} gives the run's hyperparameters. Everything else (images, histograms,
 * graphs, text) is skipped.
 *
 * <p>One decoder per run (directory): the plugin owning each tag is that run's.
 */
final class TensorBoardEventDecoder {
    /** Where the points and hyperparameters go. */
    interface Sink {
        void scalar(String tag, long step, double value, double wallTime, long offset);

        void hparam(String name, String value, long offset);

        /** A scalars-plugin tensor that is not one float, double, int32 or int64 (e.g. a half): left out. */
        void unreadScalar(String tag, long offset);
    }

    /** Raised for a record that is not a well-formed Event; the caller names the file. */
    static final class MalformedEvent extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedEvent(String message) {
            super(message);
        }
    }

    static final String SCALARS = "scalars";
    static final String HPARAMS = "hparams";
    // tensorflow/core/framework/types.proto
    private static final int DT_FLOAT = 1;
    private static final int DT_DOUBLE = 2;
    private static final int DT_INT32 = 3;
    private static final int DT_INT64 = 9;

    private final Map<String, String> pluginOfTag = new HashMap<>();
    private final TagNames tags = new TagNames();
    private final Sink sink;

    TensorBoardEventDecoder(Sink sink) {
        this.sink = sink;
    }

    void decode(byte[] buffer, int from, int length, long offset) throws MalformedEvent {
        try {
            CodedInputStream in = CodedInputStream.newInstance(buffer, from, length);
            double wallTime = 0;
            long step = 0;
            int summaryFrom = -1;
            int summaryLength = 0;
            int tag;
            while ((tag = in.readTag()) != 0) {
                switch (tag) {
                    case 1 << 3 | WireFormat.WIRETYPE_FIXED64 -> wallTime = in.readDouble();
                    case 2 << 3 | WireFormat.WIRETYPE_VARINT -> step = in.readInt64();
                    case 5 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                        // the summary may come before the step on the wire: remember where it is
                        summaryLength = in.readRawVarint32();
                        summaryFrom = from + in.getTotalBytesRead();
                        in.skipRawBytes(summaryLength);
                    }
                    default -> in.skipField(tag);
                }
            }
            if (summaryFrom >= 0) {
                summary(CodedInputStream.newInstance(buffer, summaryFrom, summaryLength), buffer, summaryFrom, step,
                        wallTime, offset);
            }
        } catch (IOException e) {
            throw new MalformedEvent("the record is not a TensorBoard event (" + e.getMessage() + ")");
        }
    }

    /** Summary: repeated Value value = 1. */
    private void summary(CodedInputStream in, byte[] buffer, int base, long step, double wallTime, long offset)
            throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (tag == (1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                int limit = in.pushLimit(in.readRawVarint32());
                value(in, buffer, base, step, wallTime, offset);
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
    }

    /** Summary.Value: tag 1, simple_value 2, tensor 8, metadata 9 (other kinds are skipped). */
    private void value(CodedInputStream in, byte[] buffer, int base, long step, double wallTime, long offset)
            throws IOException {
        String name = null;
        boolean hasSimple = false;
        float simple = 0;
        Number tensor = null;
        boolean hasTensor = false;
        String plugin = null;
        byte[] pluginContent = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag) {
                case 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int length = in.readRawVarint32();
                    if (length < 0 || length > in.getBytesUntilLimit()) {
                        throw new InvalidProtocolBufferException("a tag name runs past the end of its value");
                    }
                    name = tags.tag(buffer, base + in.getTotalBytesRead(), length);
                    in.skipRawBytes(length);
                }
                case 2 << 3 | WireFormat.WIRETYPE_FIXED32 -> {
                    hasSimple = true;
                    simple = in.readFloat();
                }
                case 8 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    tensor = scalarTensor(in);
                    hasTensor = true;
                    in.popLimit(limit);
                }
                case 9 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> {
                    int limit = in.pushLimit(in.readRawVarint32());
                    PluginData data = metadata(in);
                    plugin = data.name();
                    pluginContent = data.content();
                    in.popLimit(limit);
                }
                default -> in.skipField(tag);
            }
        }
        if (name == null) {
            return;
        }
        if (plugin != null) {
            pluginOfTag.putIfAbsent(name, plugin);
        }
        if (hasSimple) {
            sink.scalar(name, step, simple, wallTime, offset); // a float widened to double: exact
        } else if (hasTensor && SCALARS.equals(pluginOfTag.get(name))) {
            if (tensor == null) {
                sink.unreadScalar(name, offset);
            } else {
                sink.scalar(name, step, tensor.doubleValue(), wallTime, offset);
            }
        } else if (HPARAMS.equals(plugin) && pluginContent != null) {
            hparams(CodedInputStream.newInstance(pluginContent), offset);
        }
    }

    /** SummaryMetadata.plugin_data: the plugin owning a tag, and what it keeps about it. */
    private record PluginData(String name, byte[] content) {
    }

    /** SummaryMetadata: plugin_data 1 {plugin_name 1, content 2}. */
    private static PluginData metadata(CodedInputStream in) throws IOException {
        String name = null;
        byte[] content = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (tag == (1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                int limit = in.pushLimit(in.readRawVarint32());
                int inner;
                while ((inner = in.readTag()) != 0) {
                    switch (inner) {
                        case 1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> name = in.readStringRequireUtf8();
                        case 2 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> content = in.readByteArray();
                        default -> in.skipField(inner);
                    }
                }
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
        return new PluginData(name, content);
    }

    /**
     * TensorProto (tensorflow/core/framework/tensor.proto): the number when the tensor holds exactly
     * one float, double, int32 or int64 (in tensor_content 4 or in float_val 5, double_val 6,
     * int_val 7, int64_val 10), else null.
     */
    private static Number scalarTensor(CodedInputStream in) throws IOException {
        int dtype = 0;
        long elements = 1;
        byte[] content = null;
        Number first = null;
        int count = 0;
        int tag;
        while ((tag = in.readTag()) != 0) {
            int field = WireFormat.getTagFieldNumber(tag);
            int wire = WireFormat.getTagWireType(tag);
            if (field == 1 && wire == WireFormat.WIRETYPE_VARINT) {
                dtype = in.readEnum();
            } else if (field == 2 && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                int limit = in.pushLimit(in.readRawVarint32());
                elements = elements(in);
                in.popLimit(limit);
            } else if (field == 4 && wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                content = in.readByteArray();
            } else if (field == 5 || field == 6 || field == 7 || field == 10) {
                if (wire == WireFormat.WIRETYPE_LENGTH_DELIMITED) { // packed, as proto3 writes them
                    int limit = in.pushLimit(in.readRawVarint32());
                    while (in.getBytesUntilLimit() > 0) {
                        Number n = element(in, field);
                        first = count++ == 0 ? n : first;
                    }
                    in.popLimit(limit);
                } else {
                    Number n = element(in, field);
                    first = count++ == 0 ? n : first;
                }
            } else {
                in.skipField(tag);
            }
        }
        if (elements != 1) {
            return null;
        }
        if (content != null) {
            return fromContent(dtype, content);
        }
        return count == 1 ? first : null;
    }

    private static Number element(CodedInputStream in, int field) throws IOException {
        return switch (field) {
            case 5 -> in.readFloat();
            case 6 -> in.readDouble();
            case 7 -> in.readInt32();
            default -> in.readInt64();
        };
    }

    /** TensorShapeProto: dim 2 {size 1}; the product of the sizes (1 for a scalar, which has none). */
    private static long elements(CodedInputStream in) throws IOException {
        long product = 1;
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (tag == (2 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                int limit = in.pushLimit(in.readRawVarint32());
                long size = 0;
                int inner;
                while ((inner = in.readTag()) != 0) {
                    if (inner == (1 << 3 | WireFormat.WIRETYPE_VARINT)) {
                        size = in.readInt64();
                    } else {
                        in.skipField(inner);
                    }
                }
                in.popLimit(limit);
                product *= size;
            } else {
                in.skipField(tag);
            }
        }
        return product;
    }

    /** A one-element tensor_content: the element's bytes, little-endian, as TensorFlow lays them out. */
    private static Number fromContent(int dtype, byte[] content) {
        return switch (dtype) {
            case DT_FLOAT -> content.length == 4 ? Float.intBitsToFloat(TfRecordReader.littleEndianInt(content, 0)) : null;
            case DT_DOUBLE -> content.length == 8 ? Double.longBitsToDouble(TfRecordReader.littleEndianLong(content, 0)) : null;
            case DT_INT32 -> content.length == 4 ? TfRecordReader.littleEndianInt(content, 0) : null;
            case DT_INT64 -> content.length == 8 ? TfRecordReader.littleEndianLong(content, 0) : null;
            default -> null;
        };
    }

    /**
     * HParamsPluginData (tensorboard/plugins/hparams/plugin_data.proto): session_start_info 3
     * {hparams 1: map&lt;string, google.protobuf.Value&gt;}. Numbers are written as TensorBoard shows
     * them (32, not 32.0), booleans as true/false.
     */
    private void hparams(CodedInputStream in, long offset) throws IOException {
        int tag;
        while ((tag = in.readTag()) != 0) {
            if (tag != (3 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                in.skipField(tag);
                continue;
            }
            int start = in.pushLimit(in.readRawVarint32());
            int field;
            while ((field = in.readTag()) != 0) {
                if (field != (1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                    in.skipField(field);
                    continue;
                }
                int entry = in.pushLimit(in.readRawVarint32());
                String key = null;
                String value = null;
                int inner;
                while ((inner = in.readTag()) != 0) {
                    if (inner == (1 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                        key = in.readStringRequireUtf8();
                    } else if (inner == (2 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) {
                        int limit = in.pushLimit(in.readRawVarint32());
                        value = protobufValue(in);
                        in.popLimit(limit);
                    } else {
                        in.skipField(inner);
                    }
                }
                in.popLimit(entry);
                if (key != null && value != null) {
                    sink.hparam(key, value, offset);
                }
            }
            in.popLimit(start);
        }
    }

    /** google.protobuf.Value: number 2, string 3, bool 4; null, struct and list values are not params. */
    private static String protobufValue(CodedInputStream in) throws IOException {
        String value = null;
        int tag;
        while ((tag = in.readTag()) != 0) {
            switch (tag) {
                case 2 << 3 | WireFormat.WIRETYPE_FIXED64 -> value = number(in.readDouble());
                case 3 << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED -> value = in.readStringRequireUtf8();
                case 4 << 3 | WireFormat.WIRETYPE_VARINT -> value = Boolean.toString(in.readBool());
                default -> in.skipField(tag);
            }
        }
        return value;
    }

    static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}
