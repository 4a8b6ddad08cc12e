package io.jenkins.plugins.mlops.core.notebook;

import java.util.List;

/**
 * One cell as it runs: its label, its number, the Python that runs (IPython syntax already turned
 * into calls) and its source, with how many blank lines IPython dropped from the top (so a line of
 * the Python maps back to a line of the source).
 */
record CellCode(String label, int number, String code, String source, int droppedLines) {

    static CellCode of(NotebookCell cell) {
        String source = cell.source();
        int dropped = 0;
        List<String> lines = IPythonSyntax.splitKeepEnds(source);
        while (dropped < lines.size() - 1 && lines.get(dropped).isBlank()) {
            dropped++;
        }
        return new CellCode("cell " + cell.number(), cell.number(), ScriptExport.python(cell), source, dropped);
    }

    /** The source line a line of the Python came from (a %%magic cell is one call: its first line). */
    int sourceLine(int pythonLine) {
        if (source.stripLeading().startsWith("%%")) {
            return droppedLines + 1;
        }
        int count = IPythonSyntax.splitKeepEnds(source).size();
        return Math.max(1, Math.min(count, pythonLine + droppedLines));
    }

    String sourceText(int line) {
        List<String> lines = IPythonSyntax.splitKeepEnds(source);
        return line >= 1 && line <= lines.size() ? lines.get(line - 1).stripTrailing() : null;
    }
}
