"""An independent TensorBoard event writer for the reader's tests: the TFRecord framing and the
Event protos written by hand from their published definitions, with nothing but the standard
library (struct and a table CRC-32C), so the Java reader is checked against a second writer.

    python3 write_events.py LOGDIR POINTS   writes LOGDIR/train (simple_value scalars, as PyTorch's
    add_scalar writes them, and hparams) and LOGDIR/validation (TF2 tensor scalars), and prints
    the points and hparams it wrote as JSON: {"train/loss": [[step, value, wall_time], ...], ...}.
"""
import json
import os
import struct
import sys


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = _TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked_crc(data):
    c = crc32c(data)
    return (((c >> 15) | (c << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def record(data):
    length = struct.pack("<Q", len(data))
    return length + struct.pack("<I", masked_crc(length)) + data + struct.pack("<I", masked_crc(data))


def varint(n):
    n &= 0xFFFFFFFFFFFFFFFF  # int64 two's complement, as protobuf writes negative numbers
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def key(field, wire):
    return varint(field << 3 | wire)


def length_delimited(field, payload):
    return key(field, 2) + varint(len(payload)) + payload


def string(field, text):
    return length_delimited(field, text.encode("utf-8"))


def event(wall_time, step=None, summary=None, file_version=None):
    out = key(1, 1) + struct.pack("<d", wall_time)
    if step is not None:
        out += key(2, 0) + varint(step)
    if file_version is not None:
        out += string(3, file_version)
    if summary is not None:
        out += length_delimited(5, summary)
    return out


def simple_value(tag, value):
    return length_delimited(1, string(1, tag) + key(2, 5) + struct.pack("<f", value))


def tensor_scalar(tag, value, first):
    # TensorProto: dtype DT_FLOAT (1), an empty shape (a scalar), the float in tensor_content
    tensor = key(1, 0) + varint(1) + length_delimited(2, b"") + length_delimited(4, struct.pack("<f", value))
    out = string(1, tag) + length_delimited(8, tensor)
    if first:  # TensorFlow names the plugin only with a tag's first value
        out += length_delimited(9, length_delimited(1, string(1, "scalars")))
    return length_delimited(1, out)


def hparams(values):
    entries = b""
    for name, value in values.items():
        if isinstance(value, bool):
            v = key(4, 0) + varint(1 if value else 0)
        elif isinstance(value, str):
            v = string(3, value)
        else:
            v = key(2, 1) + struct.pack("<d", float(value))
        entries += length_delimited(1, string(1, name) + length_delimited(2, v))
    plugin_data = length_delimited(3, entries)  # HParamsPluginData.session_start_info
    metadata = length_delimited(1, string(1, "hparams") + length_delimited(2, plugin_data))
    return length_delimited(1, string(1, "_hparams_/session_start_info") + length_delimited(9, metadata))


def as_float(x):
    return struct.unpack("<f", struct.pack("<f", x))[0]


def main(logdir, points):
    expected = {"train/loss": [], "train/accuracy": [], "validation/loss": []}
    start = 1700000000.0
    train = os.path.join(logdir, "train")
    validation = os.path.join(logdir, "validation")
    os.makedirs(train, exist_ok=True)
    os.makedirs(validation, exist_ok=True)
    params = {"lr": 0.001, "batch_size": 32, "optimizer": "adam", "shuffle": True}
    with open(os.path.join(train, "events.out.tfevents.1700000000.host.1.0"), "wb") as f:
        f.write(record(event(start, file_version="brain.Event:2")))
        f.write(record(event(start, step=0, summary=hparams(params))))
        for step in range(points):
            wall = start + step * 0.0371
            loss = 2.0 / (step + 1) + 0.1
            accuracy = 1.0 - 1.0 / (step + 2)
            f.write(record(event(wall, step=step, summary=simple_value("loss", loss) + simple_value("accuracy", accuracy))))
            expected["train/loss"].append([step, as_float(loss), wall])
            expected["train/accuracy"].append([step, as_float(accuracy), wall])
    with open(os.path.join(validation, "events.out.tfevents.1700000000.host.1.1"), "wb") as f:
        f.write(record(event(start, file_version="brain.Event:2")))
        for step in range(0, points, 10):
            wall = start + step * 0.0371 + 0.5
            loss = 2.5 / (step + 1) + 0.2
            f.write(record(event(wall, step=step, summary=tensor_scalar("loss", loss, step == 0))))
            expected["validation/loss"].append([step, as_float(loss), wall])
    shown = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in params.items()}  # as TensorBoard shows them
    print(json.dumps({"series": expected, "params": shown}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
