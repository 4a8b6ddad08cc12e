package io.jenkins.plugins.mlops.core.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Python's pure tokenizer ({@code tokenize.generate_tokens}) as far as IPython's transformer
 * looks at it, with tokens grouped into logical lines as IPython's {@code make_tokens_by_line}
 * groups them. A character Python cannot start a token with ({@code !}, {@code ?}, {@code $})
 * is an error token, and so is each blank before it, as Python reports them. Input that ends
 * inside a string or a bracket stops the scan, as Python's TokenError does.
 */
final class PythonTokens {
    enum Type { NAME, NUMBER, STRING, OP, ERROR, COMMENT, NEWLINE, NL, INDENT, DEDENT }

    /** A token: its text, and where it starts (0-based physical line, column). */
    record Token(Type type, String string, int line, int col) {
    }

    private static final Set<String> OPS3 = Set.of("**=", "...", "//=", ">>=", "<<=");
    private static final Set<String> OPS2 = Set.of("!=", "%=", "&=", "**", "*=", "+=", "-=", "->", "//", "/=", ":=",
            "<<", "<=", "==", ">=", ">>", "@=", "^=", "|=");
    private static final String OPS1 = "%&()*+,-./:;<=>@[]^{|}~";

    private PythonTokens() {
    }

    /** The tokens of {@code lines} (each ending in a newline, but perhaps the last), by logical line. */
    static List<List<Token>> byLogicalLine(List<String> lines) {
        List<List<Token>> out = new ArrayList<>();
        out.add(new ArrayList<>());
        List<Integer> indents = new ArrayList<>(List.of(0));
        int parens = 0;
        boolean continued = false;
        String openString = null; // the closing quotes of a string still open at the end of a line
        for (int ln = 0; ln < lines.size(); ln++) {
            String line = lines.get(ln);
            int pos = 0;
            int end = line.length();
            if (openString != null) {
                int close = closing(line, 0, openString);
                if (close < 0) {
                    continue;
                }
                pos = close;
                openString = null;
            } else if (parens == 0 && !continued) {
                int col = 0;
                while (pos < end && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t' || line.charAt(pos) == '\f')) {
                    col = line.charAt(pos) == '\t' ? (col / 8 + 1) * 8 : line.charAt(pos) == '\f' ? 0 : col + 1;
                    pos++;
                }
                if (pos == end) {
                    break; // Python reads an empty line as the end of input
                }
                char first = line.charAt(pos);
                if (first == '#' || first == '\n' || first == '\r') {
                    if (first == '#') {
                        out.get(out.size() - 1).add(new Token(Type.COMMENT, stripNewline(line.substring(pos)), ln, pos));
                    }
                    add(out, new Token(Type.NL, "\n", ln, end - 1), 0);
                    continue;
                }
                if (col > indents.get(indents.size() - 1)) {
                    indents.add(col);
                    out.get(out.size() - 1).add(new Token(Type.INDENT, line.substring(0, pos), ln, 0));
                }
                while (col < indents.get(indents.size() - 1)) {
                    indents.remove(indents.size() - 1);
                    out.get(out.size() - 1).add(new Token(Type.DEDENT, "", ln, pos));
                }
            }
            continued = false;
            while (pos < end) {
                char c = line.charAt(pos);
                if (c == ' ' || c == '\t' || c == '\f') {
                    int next = pos;
                    while (next < end && (line.charAt(next) == ' ' || line.charAt(next) == '\t' || line.charAt(next) == '\f')) {
                        next++;
                    }
                    if (next < end && startsNothing(line, next)) {
                        for (int i = pos; i < next; i++) {
                            add(out, new Token(Type.ERROR, String.valueOf(line.charAt(i)), ln, i), parens);
                        }
                    }
                    pos = next;
                    continue;
                }
                if (c == '\n' || c == '\r') {
                    boolean logical = parens == 0 && hasCode(out.get(out.size() - 1));
                    add(out, new Token(logical ? Type.NEWLINE : Type.NL, "\n", ln, pos), parens);
                    break;
                }
                if (c == '#') {
                    add(out, new Token(Type.COMMENT, stripNewline(line.substring(pos)), ln, pos), parens);
                    pos = stripNewline(line).length();
                    continue;
                }
                if (c == '\\' && (pos + 1 == end || line.charAt(pos + 1) == '\n' || line.charAt(pos + 1) == '\r')) {
                    continued = true;
                    break;
                }
                int quote = stringStart(line, pos);
                if (quote >= 0) {
                    int q = quote;
                    String quotes = line.startsWith("\"\"\"", q) || line.startsWith("'''", q) ? line.substring(q, q + 3)
                            : String.valueOf(line.charAt(q));
                    int close = closing(line, q + quotes.length(), quotes);
                    if (close >= 0) {
                        add(out, new Token(Type.STRING, line.substring(pos, close), ln, pos), parens);
                        pos = close;
                    } else if (quotes.length() == 3 || stripNewline(line).endsWith("\\")) {
                        add(out, new Token(Type.STRING, line.substring(pos), ln, pos), parens);
                        openString = quotes; // continues on a later line
                        break;
                    } else {
                        for (int i = pos; i <= q; i++) {
                            add(out, new Token(Type.ERROR, String.valueOf(line.charAt(i)), ln, i), parens);
                        }
                        pos = q + 1;
                    }
                    continue;
                }
                if (Character.isDigit(c) || (c == '.' && pos + 1 < end && Character.isDigit(line.charAt(pos + 1)))) {
                    int e = pos + 1;
                    while (e < end && (Character.isLetterOrDigit(line.charAt(e)) || line.charAt(e) == '_' || line.charAt(e) == '.'
                            || ((line.charAt(e) == '+' || line.charAt(e) == '-') && (line.charAt(e - 1) == 'e' || line.charAt(e - 1) == 'E')))) {
                        e++;
                    }
                    add(out, new Token(Type.NUMBER, line.substring(pos, e), ln, pos), parens);
                    pos = e;
                    continue;
                }
                if (Character.isLetter(c) || c == '_' || c > 0x7f && Character.isUnicodeIdentifierStart(c)) {
                    int e = pos + 1;
                    while (e < end && (Character.isLetterOrDigit(line.charAt(e)) || line.charAt(e) == '_'
                            || line.charAt(e) > 0x7f && Character.isUnicodeIdentifierPart(line.charAt(e)))) {
                        e++;
                    }
                    add(out, new Token(Type.NAME, line.substring(pos, e), ln, pos), parens);
                    pos = e;
                    continue;
                }
                String op = op(line, pos);
                if (op != null) {
                    add(out, new Token(Type.OP, op, ln, pos), parens);
                    if ("([{".contains(op)) {
                        parens++;
                    } else if (")]}".contains(op) && parens > 0) {
                        parens--;
                    }
                    pos += op.length();
                    continue;
                }
                add(out, new Token(Type.ERROR, String.valueOf(c), ln, pos), parens);
                pos++;
            }
        }
        if (out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static void add(List<List<Token>> out, Token token, int parens) {
        out.get(out.size() - 1).add(token);
        if (token.type() == Type.NEWLINE || (token.type() == Type.NL && parens <= 0)) {
            out.add(new ArrayList<>());
        }
    }

    private static boolean hasCode(List<Token> line) {
        return line.stream().anyMatch(t -> t.type() != Type.INDENT && t.type() != Type.DEDENT && t.type() != Type.COMMENT);
    }

    private static String stripNewline(String s) {
        int e = s.length();
        while (e > 0 && (s.charAt(e - 1) == '\n' || s.charAt(e - 1) == '\r')) {
            e--;
        }
        return s.substring(0, e);
    }

    /** Whether no Python token starts at {@code pos}: Python then reports the blanks before it as error tokens. */
    private static boolean startsNothing(String line, int pos) {
        char c = line.charAt(pos);
        if (c == '\n' || c == '\r' || c == '#' || c == '\\' || Character.isLetterOrDigit(c) || c == '_' || c > 0x7f
                && Character.isUnicodeIdentifierStart(c)) {
            return false;
        }
        int quote = stringStart(line, pos);
        if (quote >= 0) {
            String quotes = line.startsWith("\"\"\"", quote) || line.startsWith("'''", quote) ? "xxx" : "x";
            return quotes.length() == 1 && closing(line, quote + 1, String.valueOf(line.charAt(quote))) < 0
                    && !stripNewline(line).endsWith("\\");
        }
        return op(line, pos) == null;
    }

    /** The index of the quote that opens a string at {@code pos} (after a prefix such as rb or f), or -1. */
    private static int stringStart(String line, int pos) {
        int i = pos;
        while (i < line.length() && i - pos < 2 && "rRbBuUfF".indexOf(line.charAt(i)) >= 0) {
            i++;
        }
        if (i < line.length() && (line.charAt(i) == '\'' || line.charAt(i) == '"')) {
            String prefix = line.substring(pos, i).toLowerCase(java.util.Locale.ROOT);
            if (Set.of("", "r", "u", "b", "br", "rb", "f", "fr", "rf").contains(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** The index just after the closing {@code quotes} from {@code from}, or -1 when the line ends first. */
    private static int closing(String line, int from, String quotes) {
        for (int i = from; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (line.startsWith(quotes, i)) {
                return i + quotes.length();
            } else if (quotes.length() == 1 && (c == '\n' || c == '\r')) {
                return -1;
            }
        }
        return -1;
    }

    private static String op(String line, int pos) {
        if (pos + 3 <= line.length() && OPS3.contains(line.substring(pos, pos + 3))) {
            return line.substring(pos, pos + 3);
        }
        if (pos + 2 <= line.length() && OPS2.contains(line.substring(pos, pos + 2))) {
            return line.substring(pos, pos + 2);
        }
        return OPS1.indexOf(line.charAt(pos)) >= 0 ? String.valueOf(line.charAt(pos)) : null;
    }
}
