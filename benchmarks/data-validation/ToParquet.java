import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/** The benchmark's numeric CSV as one Parquet file (DOUBLE columns, Snappy, 128 MB row groups): java -cp CLASSPATH ToParquet in.csv out.parquet */
public class ToParquet {
    public static void main(String[] args) throws Exception {
        try (BufferedReader in = Files.newBufferedReader(Path.of(args[0]))) {
            String[] header = in.readLine().split(",");
            Types.MessageTypeBuilder b = Types.buildMessage();
            for (String name : header) {
                b.optional(PrimitiveTypeName.DOUBLE).named(name);
            }
            MessageType type = b.named("rows");
            SimpleGroupFactory groups = new SimpleGroupFactory(type);
            Files.deleteIfExists(Path.of(args[1]));
            try (ParquetWriter<Group> out = ExampleParquetWriter.builder(new LocalOutputFile(Path.of(args[1]))).withType(type)
                    .withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
                String line;
                while ((line = in.readLine()) != null) {
                    String[] f = line.split(",");
                    Group g = groups.newGroup();
                    for (int i = 0; i < f.length; i++) {
                        g.add(i, Double.parseDouble(f[i]));
                    }
                    out.write(g);
                }
            }
        }
    }
}
