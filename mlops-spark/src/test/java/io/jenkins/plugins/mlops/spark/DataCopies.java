package io.jenkins.plugins.mlops.spark;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/** The same rows as JSON Lines and as Parquet (with small row groups, so Spark splits even a small file). */
final class DataCopies {
    private DataCopies() {
    }

    /** Rows of a simple CSV file (no quotes), header first. */
    static List<String[]> rows(Path csv) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            out.add(line.split(",", -1));
        }
        return out;
    }

    static Path jsonLines(Path csv, Path out) throws IOException {
        List<String[]> rows = rows(csv);
        String[] header = rows.get(0);
        StringBuilder text = new StringBuilder();
        for (String[] row : rows.subList(1, rows.size())) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (int i = 0; i < header.length; i++) {
                String v = row[i];
                if (v.isEmpty()) {
                    o.putNull(header[i]);
                } else if (v.matches("-?\\d+")) {
                    o.put(header[i], Long.parseLong(v));
                } else if (v.matches("-?\\d*\\.\\d+")) {
                    o.put(header[i], new java.math.BigDecimal(v));
                } else {
                    o.put(header[i], v);
                }
            }
            text.append(o).append('\n');
        }
        Files.writeString(out, text);
        return out;
    }

    /** Whole-number columns as INT64, other numeric ones as DOUBLE, the rest as UTF-8 strings; empty values null. */
    static Path parquet(Path csv, Path out) throws IOException {
        List<String[]> rows = rows(csv);
        String[] header = rows.get(0);
        List<String[]> data = rows.subList(1, rows.size());
        PrimitiveTypeName[] types = new PrimitiveTypeName[header.length];
        Types.MessageTypeBuilder schema = Types.buildMessage();
        for (int i = 0; i < header.length; i++) {
            final int c = i;
            boolean whole = data.stream().allMatch(r -> r[c].isEmpty() || r[c].matches("-?\\d+"));
            boolean number = data.stream().allMatch(r -> r[c].isEmpty() || r[c].matches("-?\\d*\\.?\\d+(e-?\\d+)?"));
            types[i] = whole ? PrimitiveTypeName.INT64 : number ? PrimitiveTypeName.DOUBLE : PrimitiveTypeName.BINARY;
            if (types[i] == PrimitiveTypeName.BINARY) {
                schema.optional(types[i]).as(LogicalTypeAnnotation.stringType()).named(header[i]);
            } else {
                schema.optional(types[i]).named(header[i]);
            }
        }
        MessageType type = schema.named("rows");
        Files.deleteIfExists(out);
        SimpleGroupFactory groups = new SimpleGroupFactory(type);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new LocalOutputFile(out)).withType(type)
                .withRowGroupSize(16 * 1024).withPageSize(4 * 1024).build()) {
            for (String[] r : data) {
                Group g = groups.newGroup();
                for (int i = 0; i < header.length; i++) {
                    if (r[i].isEmpty()) {
                        continue;
                    }
                    switch (types[i]) {
                        case INT64 -> g.add(i, Long.parseLong(r[i]));
                        case DOUBLE -> g.add(i, Double.parseDouble(r[i]));
                        default -> g.add(i, r[i]);
                    }
                }
                writer.write(g);
            }
        }
        return out;
    }
}
