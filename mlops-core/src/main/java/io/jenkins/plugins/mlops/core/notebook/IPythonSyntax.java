package io.jenkins.plugins.mlops.core.notebook;

import io.jenkins.plugins.mlops.core.notebook.PythonTokens.Token;
import io.jenkins.plugins.mlops.core.notebook.PythonTokens.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IPython's {@code TransformerManager.transform_cell} (IPython 8, the one {@code jupyter nbconvert
 * --to script} uses), line for line: prompts and leading blank lines and indentation cleaned up,
 * {@code %%magic} cells, then {@code a = %magic}, {@code a = !cmd}, {@code %magic}, {@code !cmd},
 * {@code !!cmd}, {@code obj?} and the autocall escapes, one at a time, the earliest first, each
 * found again in the tokens of the code already transformed.
 */
final class IPythonSyntax {
    private static final Pattern INDENT = Pattern.compile("^[ \\t]+");
    private static final Pattern CLASSIC_PROMPT = Pattern.compile("^(>>>|\\.\\.\\.)( |$)");
    private static final Pattern CLASSIC_FIRST = Pattern.compile("^>>>( |$)");
    private static final Pattern IPYTHON_PROMPT = Pattern.compile("^(((\\[nav\\]|\\[ins\\])? )?In \\[\\d+\\]: |\\s*\\.{3,}: ?)");
    private static final Pattern HELP_END = Pattern.compile("(%{0,2}(?!\\d)[\\w*]+(\\.(?!\\d)[\\w*]+)*)(\\?\\??)$",
            Pattern.UNICODE_CHARACTER_CLASS);
    private static final Set<String> ESCAPE_SINGLES = Set.of("!", "?", "%", ",", ";", "/");
    private static final int LOOP_LIMIT = 500;

    private IPythonSyntax() {
    }

    /** The cell's source as plain Python. */
    static String transformCell(String cell) {
        if (!cell.endsWith("\n")) {
            cell += "\n";
        }
        List<String> lines = splitKeepEnds(cell);
        lines = leadingEmptyLines(lines);
        lines = leadingIndent(lines);
        lines = stripPrompts(lines, CLASSIC_PROMPT, CLASSIC_FIRST);
        lines = stripPrompts(lines, IPYTHON_PROMPT, IPYTHON_PROMPT);
        lines = cellMagic(lines);
        for (int i = 0; i < LOOP_LIMIT; i++) {
            List<String> next = oneTokenTransform(lines);
            if (next == null) {
                return String.join("", lines);
            }
            lines = next;
        }
        return String.join("", lines);
    }

    /** Python's str.splitlines(keepends=True) for the line ends notebooks hold. */
    static List<String> splitKeepEnds(String s) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u000b' || c == '\u000c' || c == '\u001c' || c == '\u001d' || c == '\u001e'
                    || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                lines.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            lines.add(s.substring(start));
        }
        return lines;
    }

    private static List<String> leadingEmptyLines(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isEmpty() && !lines.get(i).isBlank()) {
                return lines.subList(i, lines.size());
            }
        }
        return lines;
    }

    private static List<String> leadingIndent(List<String> lines) {
        if (lines.isEmpty()) {
            return lines;
        }
        Matcher m = INDENT.matcher(lines.get(0));
        if (!m.find()) {
            return lines;
        }
        String space = m.group();
        return lines.stream().map(l -> l.startsWith(space) ? l.substring(space.length()) : l).toList();
    }

    private static List<String> stripPrompts(List<String> lines, Pattern prompt, Pattern initial) {
        if (lines.isEmpty()) {
            return lines;
        }
        if (initial.matcher(lines.get(0)).lookingAt() || (lines.size() > 1 && prompt.matcher(lines.get(1)).lookingAt())) {
            return lines.stream().map(l -> prompt.matcher(l).replaceFirst("")).toList();
        }
        return lines;
    }

    private static List<String> cellMagic(List<String> lines) {
        if (lines.isEmpty() || !lines.get(0).startsWith("%%") || Pattern.compile("%%\\w+\\?", Pattern.UNICODE_CHARACTER_CLASS)
                .matcher(lines.get(0)).lookingAt()) {
            return lines;
        }
        String head = pythonRstrip(lines.get(0).substring(2));
        int space = head.indexOf(' ');
        String name = space < 0 ? head : head.substring(0, space);
        String first = space < 0 ? "" : head.substring(space + 1);
        String body = String.join("", lines.subList(1, lines.size()));
        return List.of("get_ipython().run_cell_magic(" + PythonRepr.of(name) + ", " + PythonRepr.of(first) + ", "
                + PythonRepr.of(body) + ")\n");
    }

    /** A transformation found in the tokens: where it starts, its priority (lower first), how it rewrites. */
    private record Found(int line, int col, int priority, Rewrite rewrite) {
    }

    private interface Rewrite {
        /** The rewritten lines, or null where IPython's rewrite raises SyntaxError (the next candidate is tried). */
        List<String> apply(List<String> lines);
    }

    private static List<String> oneTokenTransform(List<String> lines) {
        List<List<Token>> tokens = PythonTokens.byLogicalLine(lines);
        List<Found> candidates = new ArrayList<>();
        addIfFound(candidates, magicAssign(tokens));
        addIfFound(candidates, systemAssign(tokens, lines));
        addIfFound(candidates, escapedCommand(tokens));
        addIfFound(candidates, helpEnd(tokens));
        candidates.sort(Comparator.comparingInt(Found::line).thenComparingInt(Found::col).thenComparingInt(Found::priority));
        for (Found f : candidates) {
            List<String> out = f.rewrite().apply(lines);
            if (out != null) {
                return out;
            }
        }
        return null;
    }

    private static void addIfFound(List<Found> candidates, Found found) {
        if (found != null) {
            candidates.add(found);
        }
    }

    private static Integer findAssignOp(List<Token> line) {
        int level = 0;
        for (int i = 0; i < line.size(); i++) {
            String s = line.get(i).string();
            if (s.equals("=") && level == 0 && line.get(i).type() == Type.OP) {
                return i;
            }
            if (Set.of("(", "[", "{").contains(s)) {
                level++;
            } else if (Set.of(")", "]", "}").contains(s) && level > 0) {
                level--;
            }
        }
        return null;
    }

    private static Found magicAssign(List<List<Token>> tokens) {
        for (List<Token> line : tokens) {
            Integer ix = findAssignOp(line);
            // IPython checks len(line) >= ix + 2 then reads line[ix + 2]: a line ending right there raises IndexError
            if (ix != null && line.size() >= ix + 2 && line.get(ix + 1).string().equals("%")
                    && ix + 2 < line.size() && line.get(ix + 2).type() == Type.NAME) {
                Token at = line.get(ix + 1);
                return new Found(at.line(), at.col(), 10, lines -> replace(lines, at, rhs -> {
                    String[] nameArgs = partition(rhs.substring(1));
                    return "get_ipython().run_line_magic(" + PythonRepr.of(nameArgs[0]) + ", " + PythonRepr.of(nameArgs[1]) + ")";
                }));
            }
        }
        return null;
    }

    private static Found systemAssign(List<List<Token>> tokens, List<String> current) {
        for (List<Token> line : tokens) {
            Integer ix = findAssignOp(line);
            if (ix != null && line.size() >= ix + 2 && ix + 1 < line.size() && line.get(ix + 1).type() == Type.ERROR) {
                Token assign = line.get(ix);
                if (current.get(assign.line()).strip().startsWith("=")) {
                    continue;
                }
                for (int j = ix + 1; j < line.size() && line.get(j).type() == Type.ERROR; j++) {
                    Token t = line.get(j);
                    if (t.string().equals("!")) {
                        return new Found(t.line(), t.col(), 10, lines -> replace(lines, t,
                                rhs -> "get_ipython().getoutput(" + PythonRepr.of(rhs.substring(1)) + ")"));
                    } else if (!t.string().isBlank()) {
                        break;
                    }
                }
            }
        }
        return null;
    }

    private static Found escapedCommand(List<List<Token>> tokens) {
        for (List<Token> line : tokens) {
            int ix = 0;
            while (ix < line.size() && (line.get(ix).type() == Type.INDENT || line.get(ix).type() == Type.DEDENT)) {
                ix++;
            }
            if (ix >= line.size()) {
                continue;
            }
            Token t = line.get(ix);
            if (ESCAPE_SINGLES.contains(t.string())) {
                return new Found(t.line(), t.col(), 10, lines -> replace(lines, t, IPythonSyntax::escaped));
            }
        }
        return null;
    }

    private static String escaped(String line) {
        String escape;
        String content;
        if (line.length() > 1 && (line.startsWith("!!") || line.startsWith("??"))) {
            escape = line.substring(0, 2);
            content = line.substring(2);
        } else {
            escape = line.substring(0, 1);
            content = line.substring(1);
        }
        String[] nameArgs = partition(content);
        return switch (escape) {
            case "!" -> "get_ipython().system(" + PythonRepr.of(content) + ")";
            case "!!" -> "get_ipython().getoutput(" + PythonRepr.of(content) + ")";
            case "?", "??" -> content.isEmpty() ? "get_ipython().show_usage()" : helpCall(content, escape);
            case "%" -> "get_ipython().run_line_magic(" + PythonRepr.of(nameArgs[0]) + ", " + PythonRepr.of(nameArgs[1]) + ")";
            case "," -> nameArgs[0] + "(\"" + String.join("\", \"", pythonSplit(nameArgs[1])) + "\")";
            case ";" -> nameArgs[0] + "(\"" + nameArgs[1] + "\")";
            case "/" -> nameArgs[0] + "(" + String.join(", ", pythonSplit(nameArgs[1])) + ")";
            default -> "";
        };
    }

    private static String helpCall(String target, String escape) {
        String method = escape.equals("??") ? "pinfo2" : target.contains("*") ? "psearch" : "pinfo";
        String[] nameArgs = partition(method + " " + target);
        String name = nameArgs[0].replaceAll("^%+", "");
        return "get_ipython().run_line_magic(" + PythonRepr.of(name) + ", " + PythonRepr.of(nameArgs[1]) + ")";
    }

    private static Found helpEnd(List<List<Token>> tokens) {
        for (List<Token> line : tokens) {
            if (line.size() > 2 && line.get(line.size() - 2).string().equals("?")) {
                int ix = 0;
                while (line.get(ix).type() == Type.INDENT || line.get(ix).type() == Type.DEDENT) {
                    ix++;
                }
                Token start = line.get(ix);
                Token q = line.get(line.size() - 2);
                return new Found(start.line(), start.col(), 5, lines -> {
                    String piece = String.join("", lines.subList(start.line(), q.line() + 1));
                    String indent = piece.substring(0, start.col());
                    String content = piece.substring(start.col());
                    Matcher m = HELP_END.matcher(content);
                    if (!m.find()) {
                        return null;
                    }
                    List<String> out = new ArrayList<>(lines.subList(0, start.line()));
                    out.add(indent + helpCall(m.group(1), m.group(3)) + "\n");
                    out.addAll(lines.subList(q.line() + 1, lines.size()));
                    return out;
                });
            }
        }
        return null;
    }

    /** IPython's rewrite of one special line: what precedes the token kept, the rest (with its continuation lines) replaced. */
    private static List<String> replace(List<String> lines, Token at, java.util.function.UnaryOperator<String> call) {
        int start = at.line();
        String before = lines.get(start).substring(0, at.col());
        int end = start;
        while (lines.get(end).endsWith("\\\n")) {
            end++;
            if (end >= lines.size()) {
                break;
            }
        }
        List<String> parts = new ArrayList<>();
        parts.add(lines.get(start).substring(at.col()));
        parts.addAll(lines.subList(start + 1, Math.min(end + 1, lines.size())));
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < parts.size() - 1; i++) {
            String p = pythonRstrip(parts.get(i));
            joined.append(p, 0, Math.max(0, p.length() - 1)).append(' ');
        }
        joined.append(pythonRstrip(parts.get(parts.size() - 1)));
        List<String> out = new ArrayList<>(lines.subList(0, start));
        out.add(before + call.apply(joined.toString()) + "\n");
        out.addAll(lines.subList(Math.min(end + 1, lines.size()), lines.size()));
        return out;
    }

    /** str.partition(' '): before the first space, and after it. */
    private static String[] partition(String s) {
        int i = s.indexOf(' ');
        return i < 0 ? new String[] {s, ""} : new String[] {s.substring(0, i), s.substring(i + 1)};
    }

    /** str.split() without arguments: on runs of whitespace, none empty. */
    private static List<String> pythonSplit(String s) {
        return java.util.Arrays.stream(s.strip().split("\\s+")).filter(p -> !p.isEmpty()).toList();
    }

    /** str.rstrip(): Python's whitespace, which includes the line separators. */
    static String pythonRstrip(String s) {
        int e = s.length();
        while (e > 0 && (Character.isWhitespace(s.charAt(e - 1)) || Character.isSpaceChar(s.charAt(e - 1))
                || s.charAt(e - 1) == '\u001c' || s.charAt(e - 1) == '\u001d' || s.charAt(e - 1) == '\u001e'
                || s.charAt(e - 1) == '\u001f' || s.charAt(e - 1) == '\u0085')) {
            e--;
        }
        return s.substring(0, e);
    }
}
