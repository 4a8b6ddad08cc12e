package io.jenkins.plugins.mlops.core.notebook;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads a Jupyter notebook in nbformat 4 strictly, as its JSON schema says: a misspelt or missing
 * field, a cell of unknown type, a source that is not text, a key given twice, are errors naming
 * the file, the cell and the field. nbformat 3 and older are refused with the command that upgrades
 * them; languages other than Python are refused, since the notebook runs with Python.
 */
public final class NotebookReader {
    static final String DOC = "docs/notebooks.md";
    private static final Set<String> TOP = Set.of("nbformat", "nbformat_minor", "metadata", "cells");
    private static final Set<String> CELL_TYPES = Set.of("code", "markdown", "raw");
    private static final Set<String> CODE_FIELDS = Set.of("id", "cell_type", "metadata", "source", "outputs", "execution_count");
    private static final Set<String> TEXT_FIELDS = Set.of("id", "cell_type", "metadata", "source", "attachments");

    private NotebookReader() {
    }

    public static Notebook read(Path file) {
        byte[] bytes = Json.utf8File(file, "notebook");
        JsonNode root;
        try {
            root = Json.mapper().reader()
                    .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readTree(bytes);
        } catch (JsonProcessingException e) {
            throw Json.specError(file, e, DOC + " (save it again from Jupyter)");
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the file");
        }
        if (root == null || root.isMissingNode() || !root.isObject()) {
            throw bad(file, null, "the file holds no notebook (a JSON object with nbformat and cells)");
        }
        JsonNode format = root.get("nbformat");
        if (format == null || !format.isIntegralNumber()) {
            throw bad(file, "nbformat", "missing or not a whole number; this is not a Jupyter notebook");
        }
        if (format.asInt() < 4) {
            throw BadInputException.at(file, 0, "nbformat " + format.asInt() + " is not read (only nbformat 4)",
                    "upgrade it with: jupyter nbconvert --to notebook --nbformat 4 --output " + file.getFileName() + " "
                            + file.getFileName());
        }
        if (format.asInt() > 4) {
            throw bad(file, "nbformat", "nbformat " + format.asInt() + " is newer than this reader (nbformat 4)");
        }
        unknownFields(file, null, root, TOP);
        JsonNode minor = root.get("nbformat_minor");
        if (minor == null || !minor.isIntegralNumber() || minor.asInt() < 0) {
            throw bad(file, "nbformat_minor", "missing or not a whole number");
        }
        JsonNode metadata = object(file, null, root, "metadata");
        JsonNode lang = metadata.get("language_info");
        String exporter = "";
        String mimetype = "";
        if (lang != null) {
            if (!lang.isObject()) {
                throw bad(file, "metadata.language_info", "not an object");
            }
            String name = text(file, null, lang, "name", "metadata.language_info.name");
            if (!name.isEmpty() && !name.equalsIgnoreCase("python")) {
                throw BadInputException.at(file, 0, "the notebook's language is '" + name + "' (metadata.language_info.name)",
                        "only Python notebooks run here");
            }
            exporter = optionalText(file, lang, "nbconvert_exporter", "metadata.language_info.nbconvert_exporter");
            mimetype = optionalText(file, lang, "mimetype", "metadata.language_info.mimetype");
            if (!exporter.isEmpty() && !exporter.equals("python") && !exporter.equals("script")) {
                throw bad(file, "metadata.language_info.nbconvert_exporter", "'" + exporter + "' is not a Python exporter");
            }
        }
        JsonNode cells = root.get("cells");
        if (cells == null || !cells.isArray()) {
            throw bad(file, "cells", "missing or not a list");
        }
        List<NotebookCell> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            out.add(cell(file, i + 1, cells.get(i), minor.asInt()));
        }
        return new Notebook(file.getFileName().toString(), minor.asInt(), exporter, mimetype, List.copyOf(out));
    }

    private static NotebookCell cell(Path file, int number, JsonNode cell, int minor) {
        if (!cell.isObject()) {
            throw bad(file, number, null, "not an object");
        }
        JsonNode typeNode = cell.get("cell_type");
        if (typeNode == null || !typeNode.isTextual() || !CELL_TYPES.contains(typeNode.asText())) {
            throw bad(file, number, "cell_type", (typeNode == null ? "missing" : "'" + typeNode.asText() + "' is not known")
                    + " (code, markdown or raw)");
        }
        String type = typeNode.asText();
        unknownFields(file, number, cell, type.equals("code") ? CODE_FIELDS : TEXT_FIELDS);
        JsonNode id = cell.get("id");
        if (id != null && (!id.isTextual() || !id.asText().matches("[a-zA-Z0-9_-]{1,64}"))) {
            throw bad(file, number, "id", "must be 1 to 64 letters, digits, '-' or '_'");
        }
        if (id == null && minor >= 5) {
            throw bad(file, number, "id", "missing (nbformat 4.5 and later give every cell an id)");
        }
        JsonNode metadata = object(file, number, cell, "metadata");
        String source = source(file, number, cell.get("source"));
        Integer count = null;
        if (type.equals("code")) {
            JsonNode outputs = cell.get("outputs");
            if (outputs == null || !outputs.isArray()) {
                throw bad(file, number, "outputs", "missing or not a list");
            }
            if (!cell.has("execution_count")) {
                throw bad(file, number, "execution_count", "missing (null when the cell never ran)");
            }
            JsonNode c = cell.get("execution_count");
            if (!c.isNull() && (!c.isIntegralNumber() || c.asInt() < 0)) {
                throw bad(file, number, "execution_count", "must be a whole number or null");
            }
            count = c.isNull() ? null : c.asInt();
        }
        List<String> tags = new ArrayList<>();
        JsonNode tagNode = metadata.get("tags");
        if (tagNode != null) {
            if (!tagNode.isArray()) {
                throw bad(file, number, "metadata.tags", "not a list");
            }
            for (JsonNode t : tagNode) {
                if (!t.isTextual()) {
                    throw bad(file, number, "metadata.tags", "a tag is not text");
                }
                tags.add(t.asText());
            }
        }
        String rawMimetype = type.equals("raw") ? optionalText(file, metadata, "raw_mimetype", "cell " + number + " metadata.raw_mimetype") : "";
        return new NotebookCell(number, type, source, count, List.copyOf(tags), rawMimetype);
    }

    /** nbformat's multiline string: one string, or a list of strings joined as they are. */
    private static String source(Path file, int number, JsonNode source) {
        if (source == null) {
            throw bad(file, number, "source", "missing");
        }
        if (source.isTextual()) {
            return source.asText();
        }
        if (!source.isArray()) {
            throw bad(file, number, "source", "must be text or a list of lines");
        }
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < source.size(); i++) {
            if (!source.get(i).isTextual()) {
                throw bad(file, number, "source[" + i + "]", "a line is not text");
            }
            joined.append(source.get(i).asText());
        }
        return joined.toString();
    }

    private static JsonNode object(Path file, Integer cell, JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw bad(file, cell, field, node == null ? "missing" : "not an object");
        }
        return node;
    }

    private static String text(Path file, Integer cell, JsonNode parent, String field, String label) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw bad(file, cell, label, node == null ? "missing" : "not text");
        }
        return node.asText();
    }

    private static String optionalText(Path file, JsonNode parent, String field, String label) {
        JsonNode node = parent.get(field);
        if (node == null) {
            return "";
        }
        if (!node.isTextual()) {
            throw bad(file, label, "not text");
        }
        return node.asText();
    }

    private static void unknownFields(Path file, Integer cell, JsonNode node, Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw bad(file, cell, name, "is not a field of " + (cell == null ? "a notebook" : "this cell")
                        + " (known: " + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private static BadInputException bad(Path file, String field, String problem) {
        return bad(file, null, field, problem);
    }

    private static BadInputException bad(Path file, Integer cell, String field, String problem) {
        String where = (cell == null ? "" : "cell " + cell + (field == null ? "" : ", ")) + (field == null ? "" : "field '" + field + "'");
        return BadInputException.at(file, 0, (where.isEmpty() ? "" : where + ": ") + problem,
                "correct the notebook (nbformat 4, see " + DOC + "), or save it again from Jupyter");
    }
}
