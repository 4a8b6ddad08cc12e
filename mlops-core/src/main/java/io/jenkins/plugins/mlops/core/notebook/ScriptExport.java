package io.jenkins.plugins.mlops.core.notebook;

/**
 * The script {@code jupyter nbconvert --to script} writes for a notebook (nbconvert 6.5), byte for
 * byte. With {@code language_info.nbconvert_exporter: python} (what Jupyter saves) that is the
 * Python template: a header, each code cell after its {@code # In[N]:} prompt with IPython syntax
 * turned into calls ({@link IPythonSyntax}), markdown as comments, raw cells of Python or no type
 * as they are. Without it, the plain script: code cell sources and matching raw cells only.
 */
public final class ScriptExport {
    private ScriptExport() {
    }

    public static String script(Notebook nb) {
        boolean python = "python".equals(nb.exporter());
        StringBuilder out = new StringBuilder();
        if (python) {
            out.append("#!/usr/bin/env python\n# coding: utf-8\n");
        }
        String rawType = python ? "text/x-python" : nb.mimetype().isEmpty() ? "text/plain" : nb.mimetype();
        for (NotebookCell cell : nb.cells()) {
            switch (cell.type()) {
                case "code" -> {
                    if (python) {
                        out.append("\n# In[").append(cell.executionCount() == null || cell.executionCount() == 0 ? " "
                                : cell.executionCount().toString()).append("]:\n\n");
                    }
                    out.append('\n').append(python ? IPythonSyntax.transformCell(cell.source()) : cell.source()).append('\n');
                }
                case "markdown" -> {
                    if (python) {
                        out.append('\n').append("# ").append(cell.source().replace("\n", "\n# ")).append('\n');
                    }
                }
                default -> {
                    String mime = cell.rawMimetype().toLowerCase(java.util.Locale.ROOT);
                    if (mime.isEmpty() || mime.equals(rawType)) {
                        out.append(cell.source());
                    }
                }
            }
        }
        int start = 0;
        while (start < out.length() && (out.charAt(start) == '\n' || out.charAt(start) == '\r')) {
            start++;
        }
        return out.substring(start);
    }

    /** A code cell's source as the Python that runs (IPython syntax turned into calls, as in the Python script). */
    public static String python(NotebookCell cell) {
        return IPythonSyntax.transformCell(cell.source());
    }
}
