package io.jenkins.plugins.mlops.core.notebook;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The IPython calls the runner's small stand-in for IPython answers (plain Python has no
 * {@code get_ipython}); any other is refused before the notebook runs, with its cell and line,
 * rather than failing halfway through.
 */
final class MagicSupport {
    static final Set<String> LINE_MAGICS = Set.of("cd", "config", "env", "matplotlib", "pwd", "time", "timeit");
    static final Set<String> CELL_MAGICS = Set.of("bash", "capture", "sh", "time", "writefile");
    private static final Pattern CALL = Pattern.compile("get_ipython\\(\\)\\.(run_line_magic|run_cell_magic|show_usage)\\((?:'([^']*)')?");

    private MagicSupport() {
    }

    static void check(Path file, List<CellCode> cells) {
        for (CellCode cell : cells) {
            List<String> lines = IPythonSyntax.splitKeepEnds(cell.code());
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = CALL.matcher(lines.get(i));
                while (m.find()) {
                    String kind = m.group(1);
                    String name = m.group(2) == null ? "" : m.group(2);
                    boolean ok = kind.equals("run_line_magic") ? LINE_MAGICS.contains(name)
                            : kind.equals("run_cell_magic") && CELL_MAGICS.contains(name);
                    if (!ok) {
                        int line = cell.sourceLine(i + 1);
                        String what = kind.equals("show_usage") || Set.of("pinfo", "pinfo2", "psearch").contains(name)
                                ? "the help syntax (?)" : kind.equals("run_cell_magic") ? "the cell magic %%" + name : "the magic %" + name;
                        throw BadInputException.at(file, 0, cell.label() + " line " + line + " `" + cell.sourceText(line).strip()
                                        + "`: " + what + " cannot run without IPython",
                                "remove it, or use what runs here: line magics %" + String.join(", %", LINE_MAGICS.stream().sorted().toList())
                                        + "; cell magics %%" + String.join(", %%", CELL_MAGICS.stream().sorted().toList())
                                        + "; !command and x = !command");
                    }
                }
            }
        }
    }
}
