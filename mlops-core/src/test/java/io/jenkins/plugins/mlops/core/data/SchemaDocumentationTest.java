package io.jenkins.plugins.mlops.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** docs/schemas/data-schema.schema.json says exactly what the reader accepts, and inferred schemas read back. */
public class SchemaDocumentationTest {
    private static final Path JSON_SCHEMA = Path.of("..", "docs", "schemas", "data-schema.schema.json");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private static List<String> names(JsonNode properties) {
        List<String> out = new ArrayList<>();
        properties.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> components(Class<?> record) {
        return Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).toList();
    }

    @Test
    public void jsonSchemaPropertiesAreExactlyTheRecordsFields() throws Exception {
        JsonNode schema = Json.mapper().readTree(JSON_SCHEMA.toFile());
        assertThat(names(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(components(DataSchema.class));
        JsonNode feature = schema.get("$defs").get("feature").get("properties");
        assertThat(names(feature)).containsExactlyInAnyOrderElementsOf(components(FeatureSchema.class));
        assertThat(names(feature.get("domain").get("properties"))).containsExactlyInAnyOrderElementsOf(components(NumericDomain.class));
        assertThat(names(schema.get("$defs").get("comparator").get("properties")))
                .containsExactlyInAnyOrderElementsOf(components(ComparatorSpec.class));
        List<String> kinds = new ArrayList<>();
        schema.get("properties").get("severity").get("propertyNames").get("enum").forEach(k -> kinds.add(k.asText()));
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(Arrays.stream(AnomalyKind.values()).map(Enum::name).toList());
    }

    @Test
    public void inferredSchemaWrittenAsJsonAndYamlReadsBackUnchanged() throws Exception {
        Path data = tmp.getRoot().toPath().resolve("d.csv");
        Files.writeString(data, "a,b,c\n1,x,0.5\n2,y,\n3,x,-1.5\n");
        DataSchema inferred = SchemaInference.infer(DatasetScan.of(data, null).statistics());
        Path json = tmp.getRoot().toPath().resolve("s.json");
        Path yaml = tmp.getRoot().toPath().resolve("s.yaml");
        Files.writeString(json, Json.pretty(inferred));
        Files.writeString(yaml, Json.yaml().writeValueAsString(inferred));
        assertThat(SchemaReader.read(json)).isEqualTo(inferred);
        assertThat(SchemaReader.read(yaml)).isEqualTo(inferred);
        assertThat(inferred.feature("a").domain()).isEqualTo(new NumericDomain(0.0, null));
        assertThat(inferred.feature("b").values()).containsExactly("x", "y");
        assertThat(inferred.feature("c").domain()).isNull();
        assertThat(inferred.feature("c").presence()).isEqualTo(0.666);
        assertThat(inferred.feature("c").nullable()).isNull();
        assertThat(inferred.feature("a").nullable()).isFalse();
    }
}
