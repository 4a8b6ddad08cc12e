package io.jenkins.plugins.mlops.core.notebook;

import java.io.Serializable;
import java.util.List;

/**
 * A Jupyter notebook, nbformat 4, read strictly by {@link NotebookReader}.
 *
 * @param name           the file's name (for messages and reports)
 * @param nbformatMinor  the minor format version
 * @param exporter       language_info.nbconvert_exporter ("python" makes nbconvert write the Python script
 *                       with IPython syntax turned into calls; absent: the plain script of the sources)
 * @param mimetype       language_info.mimetype (the plain script keeps raw cells of this type), "" when none
 * @param cells          every cell, in order
 */
public record Notebook(String name, int nbformatMinor, String exporter, String mimetype, List<NotebookCell> cells)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public List<NotebookCell> codeCells() {
        return cells.stream().filter(NotebookCell::isCode).toList();
    }
}
