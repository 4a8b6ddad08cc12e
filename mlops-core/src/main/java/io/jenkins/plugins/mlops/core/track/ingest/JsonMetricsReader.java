package io.jenkins.plugins.mlops.core.track.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.JacksonMessages;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A JSON object of metrics: flat ({@code {"auc": 0.77}}), nested ({@code {"valid": {"auc": 0.77}}}
 * becomes {@code valid.auc}), or with arrays as series ({@code {"loss": [0.9, 0.5]}}, steps 0, 1, ...).
 * Streamed token by token, so a large file costs no tree.
 */
final class JsonMetricsReader {
    private JsonMetricsReader() {
    }

    static IngestedMetrics read(Path file, long now) {
        Map<String, SeriesBuilder> series = new LinkedHashMap<>();
        try (JsonParser parser = Json.mapper().getFactory().createParser(Files.newInputStream(file))
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw BadInputException.at(file, 1, "the file is empty", "write a JSON object such as {\"auc\": 0.77}");
            }
            if (first != JsonToken.START_OBJECT) {
                throw BadInputException.at(file, line(parser), "expected a JSON object of metrics, found " + first,
                        "write a JSON object such as {\"auc\": 0.77}");
            }
            readObject(parser, "", series, file, now);
            if (parser.nextToken() != null) {
                throw BadInputException.at(file, line(parser), "more content after the metrics object",
                        "keep one JSON object in the file (use .jsonl for one record per line)");
            }
        } catch (JsonProcessingException e) {
            throw BadInputException.at(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "invalid JSON: " + JacksonMessages.plain(e.getOriginalMessage()), "fix the JSON syntax");
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the path");
        }
        Map<String, MetricSeries> metrics = new LinkedHashMap<>();
        series.forEach((key, builder) -> metrics.put(key, builder.build()));
        return IngestedMetrics.of(metrics);
    }

    private static void readObject(JsonParser parser, String prefix, Map<String, SeriesBuilder> series, Path file,
                                   long now) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + parser.currentName();
            MetricValues.validKey(parser.currentName(), file, line(parser));
            JsonToken value = parser.nextToken();
            switch (value) {
                case START_OBJECT -> readObject(parser, key + ".", series, file, now);
                case START_ARRAY -> {
                    long step = 0;
                    JsonToken item;
                    while ((item = parser.nextToken()) != JsonToken.END_ARRAY) {
                        requireNumber(parser, item, key, file);
                        add(series, key, step++, MetricValues.finite(parser.getDoubleValue(), file, line(parser), key), now);
                    }
                }
                default -> {
                    requireNumber(parser, value, key, file);
                    add(series, key, 0, MetricValues.finite(parser.getDoubleValue(), file, line(parser), key), now);
                }
            }
        }
    }

    private static void add(Map<String, SeriesBuilder> series, String key, long step, double value, long now) {
        series.computeIfAbsent(key, SeriesBuilder::new).add(step, value, now);
    }

    private static void requireNumber(JsonParser parser, JsonToken token, String key, Path file) throws IOException {
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            String shown = token == JsonToken.VALUE_STRING ? "the string \"" + parser.getText() + "\"" : token.asString();
            throw BadInputException.at(file, line(parser), "metric '" + key + "' is " + shown + ", not a number",
                    "write metric values as JSON numbers (NaN and Infinity are not allowed)");
        }
    }

    static long line(JsonParser parser) {
        return parser.currentTokenLocation().getLineNr();
    }
}
