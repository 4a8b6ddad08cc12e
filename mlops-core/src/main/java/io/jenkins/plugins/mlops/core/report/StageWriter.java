package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import gg.jte.Content;
import io.jenkins.plugins.mlops.core.io.AtomicFiles;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.stage.StageOutcome;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * How one stage's Result becomes its reports. {@link StageReports} picks the writer by the
 * Result's stage; nothing else calls a writer, so every front end writes the same files.
 *
 * @param <R> the stage's Result
 */
interface StageWriter<R extends StageOutcome> {
    /** The Result's type, to read a stored stage result's details back for the run page. */
    Class<R> resultType();

    /**
     * Writes the stage's report files into {@code dir} (created when missing), each atomically.
     *
     * @return the file names, in the order the stage result lists them (the HTML section first)
     */
    List<String> writeFiles(R result, Path dir);

    /** The stage's HTML section on a run page; null: the generic table of the stored details. */
    Content section(R result);

    /** When the stage result says it was recorded: the Result's own time where it has one. */
    default Instant recordedAt(R result, Instant now) {
        return now;
    }

    /**
     * The details stored with the stage result: the Result as JSON. {@code earlier} is the run's
     * result for the same stage before this one, or null (a stage that may run twice keeps it).
     */
    default JsonNode details(R result, StageResult earlier) {
        return Json.mapper().valueToTree(result);
    }

    /** The stage result's one line; {@code earlier} as for {@link #details}. */
    default String summary(R result, StageResult earlier) {
        return result.summary();
    }

    /**
     * The usual three files, each atomically: {@code NAME.json} (the Result), {@code NAME-junit.xml}
     * and {@code NAME.html} (the section); returns their names, the section first.
     */
    static List<String> writeJsonJunitHtml(Path dir, String name, Object result, JUnitReport junit, Content section) {
        AtomicFiles.writeJson(dir.resolve(name + ".json"), result, true);
        AtomicFiles.write(dir.resolve(name + "-junit.xml"), junit::writeTo);
        AtomicFiles.writeString(dir.resolve(name + ".html"), Templates.render(section));
        return List.of(name + ".html", name + "-junit.xml", name + ".json");
    }
}
