package io.jenkins.plugins.mlops.core.io;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

/**
 * Specs are plain YAML: no anchors, aliases nor tags. The reader would store an alias as its own
 * name and drop a tag without a word, so the spec would mean something other than what it says;
 * they are refused, naming the line.
 */
final class YamlPlainness {
    private YamlPlainness() {
    }

    static void check(Path file, byte[] bytes, String docHint) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // duplicates are the mapper's to report, with the field
        Iterable<Event> events = new Yaml(options).parse(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        try {
            for (Event event : events) {
                if (event instanceof AliasEvent alias) {
                    throw refuse(file, event.getStartMark(), "'*" + alias.getAnchor() + "' is a YAML alias",
                            "write the value out in full (aliases and anchors are not read); see " + docHint);
                }
                if (event instanceof NodeEvent node && node.getAnchor() != null) {
                    throw refuse(file, event.getStartMark(), "'&" + node.getAnchor() + "' is a YAML anchor",
                            "remove it (aliases and anchors are not read); see " + docHint);
                }
                String tag = event instanceof ScalarEvent scalar ? scalar.getTag()
                        : event instanceof CollectionStartEvent collection ? collection.getTag() : null;
                if (tag != null && !isImplicit(event)) {
                    throw refuse(file, event.getStartMark(), "'" + shortTag(tag) + "' is a YAML tag",
                            "remove the tag and write the value plainly (quote it for a string); see " + docHint);
                }
            }
        } catch (YAMLException e) {
            // not YAML at all: the mapper reads it next and reports the problem with its line
        }
    }

    private static boolean isImplicit(Event event) {
        if (event instanceof ScalarEvent scalar) {
            return scalar.getImplicit().canOmitTagInPlainScalar() || scalar.getImplicit().canOmitTagInNonPlainScalar();
        }
        return event instanceof CollectionStartEvent collection && collection.getImplicit();
    }

    private static String shortTag(String tag) {
        return tag.startsWith("tag:yaml.org,2002:") ? "!!" + tag.substring("tag:yaml.org,2002:".length()) : tag;
    }

    private static BadInputException refuse(Path file, Mark mark, String problem, String fix) {
        return BadInputException.at(file, mark == null ? 0 : mark.getLine() + 1, problem, fix);
    }
}
