package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/** Reads a schema file (JSON or YAML) strictly and checks what its JSON Schema cannot say. */
public final class SchemaReader {
    public static final String DOC = "docs/data-validation.md (schema: docs/schemas/data-schema.schema.json)";

    private SchemaReader() {
    }

    public static DataSchema read(Path file) {
        DataSchema schema = Json.readSpec(file, DataSchema.class, DOC);
        check(file, schema);
        return schema;
    }

    static void check(Object file, DataSchema schema) {
        if (schema.version() != null && schema.version() != DataSchema.CURRENT_VERSION) {
            throw BadInputException.at(file, 0, "field 'version': " + schema.version() + " is not a schema version this tool reads",
                    "use version " + DataSchema.CURRENT_VERSION);
        }
        if (schema.features().isEmpty()) {
            throw BadInputException.at(file, 0, "field 'features': the schema lists no features",
                    "list the features, or write a starting schema with 'mlops schema infer DATA'");
        }
        if (schema.minRows() != null && schema.minRows() < 0) {
            throw BadInputException.at(file, 0, "field 'minRows': must not be negative", "give 0 or more");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < schema.features().size(); i++) {
            FeatureSchema f = schema.features().get(i);
            String at = "field 'features[" + i + "]";
            if (f == null) {
                throw BadInputException.at(file, 0, at + "': is null", "give an object with name and type");
            }
            if (f.name() == null || f.name().isBlank()) {
                throw BadInputException.at(file, 0, at + ".name': missing", "name every feature after its column");
            }
            at = "feature '" + f.name() + "'";
            if (!names.add(f.name())) {
                throw BadInputException.at(file, 0, at + " is listed twice", "keep one entry per feature");
            }
            if (f.type() == null) {
                throw BadInputException.at(file, 0, at + ": field 'type' is missing", "use int, float or string");
            }
            fraction(file, at, "presence", f.presence());
            fraction(file, at, "maxUnseenFraction", f.maxUnseenFraction());
            if (f.domain() != null) {
                if (!f.type().numeric()) {
                    throw BadInputException.at(file, 0, at + ": a domain applies to int and float features only",
                            "remove 'domain' or use 'values' for allowed strings");
                }
                if (f.domain().min() != null && f.domain().max() != null && f.domain().min() > f.domain().max()) {
                    throw BadInputException.at(file, 0, at + ": domain min " + f.domain().min() + " is above max "
                            + f.domain().max(), "swap them");
                }
            }
            if (f.values() != null && f.type().numeric()) {
                throw BadInputException.at(file, 0, at + ": 'values' applies to string features only",
                        "remove 'values' or use 'domain' for numbers");
            }
            threshold(file, at, "drift", f.drift());
            threshold(file, at, "skew", f.skew());
        }
    }

    private static void fraction(Object file, String at, String field, Double value) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw BadInputException.at(file, 0, at + ": field '" + field + "' is " + value + ", not a fraction",
                    "give a number from 0 to 1");
        }
    }

    private static void threshold(Object file, String at, String field, ComparatorSpec spec) {
        if (spec != null && !(spec.threshold() >= 0)) {
            throw BadInputException.at(file, 0, at + ": field '" + field + ".threshold' is " + spec.threshold(),
                    "give a threshold of 0 or more (e.g. 0.1)");
        }
    }
}
