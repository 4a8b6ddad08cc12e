package io.jenkins.plugins.mlops.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The project's one JSON/YAML configuration. Records are read leniently (a newer writer may add
 * fields); user specs are read strictly, so a misspelt field is an error that names it.
 */
public final class Json {
    // the fast double writer is Schubfach: the shortest text that reads back as the same double;
    // the fast parser is FastDoubleParser: exact like Double.parseDouble, several times quicker
    private static final ObjectMapper JSON = configure(JsonMapper.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER)
            .build());

    /** YAML is made on first use: a command that reads and writes only JSON does not load SnakeYAML (tens of ms at start). */
    private static final class Yaml {
        static final ObjectMapper YAML = configure(YAMLMapper.builder(new YAMLFactory())
                .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER).build());
        static final ObjectMapper SPEC_YAML = strict(YAML.copy());
    }

    /** User specs: a key given twice and a number written as a string are errors, not guesses. */
    private static final ObjectMapper SPEC_JSON = strict(JSON.copy());

    private Json() {
    }

    private static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return mapper;
    }

    private static ObjectMapper configure(ObjectMapper mapper) {
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        return mapper;
    }

    /** The shared JSON mapper (lenient about unknown fields, for stored records). */
    public static ObjectMapper mapper() {
        return JSON;
    }

    /**
     * Makes, on the calling thread, what a fresh JVM would otherwise make when the command first reads a spec of
     * {@code specs} or writes a result of {@code results}: the mappers' deserializers and serializers of those
     * records and of the records they hold (tens of milliseconds of interpreted introspection each). The CLI calls
     * it on its second core while it parses the command line.
     */
    public static void prepare(java.util.List<Class<?>> specs, java.util.List<Class<?>> results) {
        java.util.Set<Class<?>> read = new java.util.HashSet<>();
        specs.forEach(type -> eachRecord(type, read, c -> SPEC_JSON.readerFor(c)));
        java.util.Set<Class<?>> written = new java.util.HashSet<>();
        results.forEach(type -> eachRecord(type, written, c -> JSON.writerFor(c)));
    }

    /** A record and the records its components hold (Jackson makes those of list elements only when it meets them). */
    private static void eachRecord(java.lang.reflect.Type type, java.util.Set<Class<?>> done,
                                   java.util.function.Consumer<Class<?>> action) {
        if (type instanceof java.lang.reflect.ParameterizedType p) {
            for (java.lang.reflect.Type argument : p.getActualTypeArguments()) {
                eachRecord(argument, done, action);
            }
        } else if (type instanceof Class<?> c && c.isRecord() && done.add(c)) {
            action.accept(c);
            for (java.lang.reflect.RecordComponent component : c.getRecordComponents()) {
                eachRecord(component.getGenericType(), done, action);
            }
        }
    }

    /** The shared YAML mapper. */
    public static ObjectMapper yaml() {
        return Yaml.YAML;
    }

    /** Pretty-printed JSON, for files people read. */
    public static String pretty(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    /**
     * Reads a user-written spec (schema, test suite, gates, infra spec, rollout plan) from JSON or
     * YAML, chosen by the file's extension. Unknown fields are errors.
     *
     * @param docHint where the format is documented, named in the fix of every error
     * @throws BadInputException naming the file, the line and the field
     */
    public static <T> T readSpec(Path file, Class<T> type, String docHint) {
        byte[] bytes = utf8File(file, "spec");
        if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            throw BadInputException.at(file, 0, "the file is empty", "write the spec as described in " + docHint);
        }
        ObjectMapper mapper = isYaml(file) ? Yaml.SPEC_YAML : SPEC_JSON;
        if (isYaml(file)) {
            YamlPlainness.check(file, bytes, docHint);
        }
        try (InputStream in = new java.io.ByteArrayInputStream(bytes)) {
            T value = mapper.readerFor(type)
                    .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(in);
            if (value == null) {
                throw BadInputException.at(file, 0, "the file holds no value", "write the spec as described in " + docHint);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw specError(file, e, docHint);
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + JacksonMessages.plain(e.getMessage()), "check the file");
        }
    }

    /**
     * The bytes of a user's text file ({@code what}: "spec", "notebook"), checked to be a regular file
     * and UTF-8; a missing or unreadable file is bad input naming it.
     */
    public static byte[] utf8File(Path file, String what) {
        byte[] bytes;
        if (Files.exists(file)) {
            InputFiles.requireRegularFile(file, what);
        }
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw BadInputException.at(file, 0, "file not found", "check the path");
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the path and permissions");
        }
        Utf8Text.check(file, bytes);
        return bytes;
    }

    /** Turns a Jackson error into a message with file, line, field and fix. */
    public static BadInputException specError(Path file, JsonProcessingException e, String docHint) {
        JsonLocation location = e.getLocation();
        long line = location == null ? 0 : Math.max(0, location.getLineNr());
        String field = "";
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = "field '" + fieldPath(mapping) + "': ";
        }
        return BadInputException.at(file, line, field + problem(e), "correct it as described in " + docHint);
    }

    private static final java.util.regex.Pattern NON_STANDARD_TOKEN = java.util.regex.Pattern.compile("Non-standard token '([^']*)'");

    /** What is wrong, in the spec's words rather than Jackson's (no class names, no "not marked as ignorable"). */
    private static String problem(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return "'" + unknown.getPropertyName() + "' is not a known field"
                    + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")");
        }
        if (String.valueOf(e.getOriginalMessage()).startsWith("Cannot coerce String value")) {
            return JacksonMessages.plain(e.getOriginalMessage());
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null) {
            return "'" + format.getValue() + "' is not " + expected(format.getTargetType());
        }
        java.util.regex.Matcher nonNumeric = NON_STANDARD_TOKEN.matcher(String.valueOf(e.getOriginalMessage()));
        if (nonNumeric.lookingAt()) {
            return "'" + nonNumeric.group(1) + "' is not a JSON number (NaN and Infinity are not allowed)";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                && String.valueOf(e.getOriginalMessage()).startsWith("Cannot map `null`")) {
            return "missing (it takes " + expected(mismatch.getTargetType()) + ")";
        }
        return JacksonMessages.plain(e.getOriginalMessage());
    }

    private static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(String::valueOf).toList();
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        return "a " + type.getSimpleName();
    }

    private static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    public static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
