package io.jenkins.plugins.mlops.core.track;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Reads a run record of any schema version this code has ever written: each older version is
 * lifted one step at a time by a migration, then bound to {@link RunRecord}. A record from a newer
 * version is refused with a message, not misread.
 */
public final class RunRecordReader {
    /**
     * Migrations keyed by the version they lift from. Version 1 is the first; when the record
     * changes shape, bump {@link RunRecord#CURRENT_SCHEMA_VERSION} and add the step here, with a
     * fixture of the old shape under src/test/resources/track/.
     */
    private static final Map<Integer, UnaryOperator<ObjectNode>> MIGRATIONS = Map.of();

    private RunRecordReader() {
    }

    public static RunRecord read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            // records of the current version (schemaVersion is written first) bind directly, without a tree
            if (firstFieldIsCurrentVersion(bytes)) {
                return Json.mapper().readValue(bytes, RunRecord.class);
            }
            return fromTree(Json.mapper().readTree(bytes), file);
        } catch (JsonProcessingException e) {
            throw BadInputException.at(file, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "not a valid run record: " + e.getOriginalMessage(), "restore it from a backup or delete the run");
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read run record: " + e.getMessage(), "check the store");
        }
    }

    private static boolean firstFieldIsCurrentVersion(byte[] bytes) throws IOException {
        try (com.fasterxml.jackson.core.JsonParser parser = Json.mapper().getFactory().createParser(bytes)) {
            return parser.nextToken() == com.fasterxml.jackson.core.JsonToken.START_OBJECT
                    && parser.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
                    && "schemaVersion".equals(parser.currentName())
                    && parser.nextToken() == com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT
                    && parser.getIntValue() == RunRecord.CURRENT_SCHEMA_VERSION;
        }
    }

    public static RunRecord fromTree(JsonNode tree, Object source) {
        if (!(tree instanceof ObjectNode node)) {
            throw BadInputException.at(source, 0, "a run record must be a JSON object", "restore it or delete the run");
        }
        int version = node.path("schemaVersion").asInt(0);
        if (version < 1) {
            throw BadInputException.at(source, 0, "the run record has no schemaVersion",
                    "it was not written by mlops; restore it or delete the run");
        }
        if (version > RunRecord.CURRENT_SCHEMA_VERSION) {
            throw BadInputException.at(source, 0, "the run record has schemaVersion " + version
                    + ", newer than this mlops reads (" + RunRecord.CURRENT_SCHEMA_VERSION + ")", "upgrade mlops");
        }
        ObjectNode current = node;
        for (int v = version; v < RunRecord.CURRENT_SCHEMA_VERSION; v++) {
            current = MIGRATIONS.get(v).apply(current);
            current.put("schemaVersion", v + 1);
        }
        try {
            return Json.mapper().treeToValue(current, RunRecord.class);
        } catch (JsonProcessingException e) {
            throw BadInputException.at(source, 0, "not a valid run record: " + e.getOriginalMessage(),
                    "restore it from a backup or delete the run");
        }
    }
}
