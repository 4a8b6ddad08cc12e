package io.jenkins.plugins.mlops.core.notebook;

import java.io.Serializable;
import java.util.List;

/**
 * One cell as the notebook holds it.
 *
 * @param number         1-based position among all cells, as Jupyter's "cell 7" counts
 * @param type           code, markdown or raw
 * @param source         the source, its lines joined
 * @param executionCount the code cell's last execution count (null: never run, or not code)
 * @param tags           metadata.tags ("parameters" marks papermill's parameters cell)
 * @param rawMimetype    a raw cell's metadata.raw_mimetype, "" when none
 */
public record NotebookCell(int number, String type, String source, Integer executionCount, List<String> tags,
                           String rawMimetype) implements Serializable {
    private static final long serialVersionUID = 1L;

    public boolean isCode() {
        return "code".equals(type);
    }
}
