package io.jenkins.plugins.mlops.core.track.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * JSON Lines series, one point per line in long form ({@code {"step": 3, "name": "valid_auc",
 * "value": 0.76}}) or several metrics per line in wide form ({@code {"step": 3, "loss": 0.2,
 * "valid_auc": 0.76}}). {@code timestamp} (epoch milliseconds) is optional in both.
 * Parsed as a stream of root values without building trees: a million lines in a fraction of a second.
 */
final class JsonLinesMetricsReader {
    private JsonLinesMetricsReader() {
    }

    static IngestedMetrics read(Path file, long now) {
        Map<String, SeriesBuilder> series = new LinkedHashMap<>();
        int records = 0;
        try (JsonParser parser = Json.mapper().getFactory().createParser(Files.newInputStream(file))) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                // the line is asked of the parser only for an error: a location per record costs a million objects
                if (token != JsonToken.START_OBJECT) {
                    throw BadInputException.at(file, JsonMetricsReader.line(parser), "expected one JSON object per line, found " + token,
                            "write lines such as {\"step\": 3, \"name\": \"valid_auc\", \"value\": 0.76}");
                }
                readRecord(parser, series, file, now);
                records++;
            }
        } catch (JsonProcessingException e) {
            throw BadInputException.at(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "invalid JSON: " + e.getOriginalMessage(), "fix the JSON syntax of that line");
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the path");
        }
        if (records == 0) {
            throw BadInputException.at(file, 1, "the file holds no metric records",
                    "write one JSON object per line, e.g. {\"step\": 0, \"name\": \"loss\", \"value\": 0.9}");
        }
        Map<String, MetricSeries> metrics = new LinkedHashMap<>();
        series.forEach((key, builder) -> metrics.put(key, builder.build()));
        return IngestedMetrics.of(metrics);
    }

    private static void readRecord(JsonParser parser, Map<String, SeriesBuilder> series, Path file, long now)
            throws IOException {
        LongSupplier line = () -> JsonMetricsReader.line(parser);
        Long step = null;
        long timestamp = now;
        String name = null;
        Double value = null;
        Map<String, Double> wide = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken token = parser.nextToken();
            switch (field) {
                case "step" -> step = integer(parser, token, field, file, line);
                case "timestamp" -> timestamp = integer(parser, token, field, file, line);
                case "name", "key" -> {
                    if (token != JsonToken.VALUE_STRING) {
                        throw BadInputException.at(file, line.getAsLong(), "'" + field + "' must be a string", "quote the metric name");
                    }
                    name = parser.getText();
                }
                case "value" -> value = number(parser, token, name == null ? "value" : name, file, line);
                default -> {
                    if (token.isStructStart()) {
                        throw BadInputException.at(file, line.getAsLong(), "field '" + field + "' is an object or array",
                                "write flat records: step, name, value (or one number per metric)");
                    }
                    if (wide == null) {
                        wide = new LinkedHashMap<>();
                    }
                    wide.put(field, number(parser, token, field, file, line));
                }
            }
        }
        if (step == null) {
            throw BadInputException.at(file, line.getAsLong(), "the record has no 'step'", "add \"step\": N to every line");
        }
        if (name != null || value != null) {
            if (name == null || value == null) {
                throw BadInputException.at(file, line.getAsLong(), "a long-form record needs both 'name' and 'value'",
                        "write {\"step\": 3, \"name\": \"valid_auc\", \"value\": 0.76}");
            }
            MetricValues.validKey(name, file, line);
            series.computeIfAbsent(name, SeriesBuilder::new).add(step, MetricValues.finite(value, file, line, name), timestamp);
        }
        if (wide != null) {
            for (Map.Entry<String, Double> e : wide.entrySet()) {
                series.computeIfAbsent(e.getKey(), SeriesBuilder::new)
                        .add(step, MetricValues.finite(e.getValue(), file, line, e.getKey()), timestamp);
            }
        }
        if (name == null && wide == null) {
            throw BadInputException.at(file, line.getAsLong(), "the record has a step but no metric", "add \"name\" and \"value\"");
        }
    }

    private static long integer(JsonParser parser, JsonToken token, String field, Path file, LongSupplier line)
            throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw BadInputException.at(file, line.getAsLong(), "'" + field + "' must be a whole number, found " + describe(parser, token),
                    "write " + field + " as an integer");
        }
        return parser.getLongValue();
    }

    private static double number(JsonParser parser, JsonToken token, String key, Path file, LongSupplier line)
            throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw BadInputException.at(file, line.getAsLong(), "metric '" + key + "' is " + describe(parser, token) + ", not a number",
                    "write metric values as JSON numbers (NaN and Infinity are not allowed)");
        }
        return parser.getDoubleValue();
    }

    private static String describe(JsonParser parser, JsonToken token) throws IOException {
        return token == JsonToken.VALUE_STRING ? "the string \"" + parser.getText() + "\"" : token.asString();
    }
}
