package io.jenkins.plugins.mlops.core.track;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which runs to show and in what order, in MLflow's search syntax so its users need nothing new:
 * {@code metrics.valid_auc > 0.8 and params.C = '1.0' and tags.team LIKE 'ml-%'}, ordered by
 * {@code metrics.valid_auc DESC}. A metric compares its last value; a run that lacks the key a
 * condition names does not match, and sorts after those that have it. Keys with other characters
 * than letters, digits, '_', '-', '.' and '/' are quoted with backticks: {@code params.`learning rate`}.
 *
 * @param conditions all must hold (MLflow has only AND)
 * @param order      sort keys, first first; empty keeps the store's order
 */
public record RunQuery(List<Condition> conditions, List<Order> order) {
    private static final String DOC = "docs/tracking.md";

    /** What a key names. {@code ATTRIBUTE} keys: id, name (or run_name), experiment, status, start_time, end_time. */
    public enum Kind { METRIC, PARAM, TAG, ATTRIBUTE }

    /**
     * {@code kind.name op value}; {@code number} is set when the value is a number, {@code like}
     * (compiled once, matched per run) for LIKE and ILIKE.
     */
    public record Condition(Kind kind, String name, String op, String text, Double number, Pattern like) {
    }

    /** A sort key. */
    public record Order(Kind kind, String name, boolean descending) {
    }

    private static final List<String> ATTRIBUTES = List.of("id", "name", "run_name", "experiment", "status", "start_time",
            "end_time");

    /** Every run, in the store's order. */
    public static RunQuery all() {
        return new RunQuery(List.of(), List.of());
    }

    /**
     * @param filter  MLflow-style conditions joined by {@code and}, or {@code null}/blank for all runs
     * @param orderBy sort keys such as {@code metrics.auc DESC}, or empty
     */
    public static RunQuery parse(String filter, List<String> orderBy) {
        List<Condition> conditions = new ArrayList<>();
        if (filter != null && !filter.isBlank()) {
            Lexer lexer = new Lexer(filter, "--filter");
            do {
                conditions.add(lexer.condition());
            } while (lexer.and());
            lexer.end();
        }
        List<Order> order = new ArrayList<>();
        for (String key : orderBy == null ? List.<String>of() : orderBy) {
            Lexer lexer = new Lexer(key, "--order-by");
            order.add(lexer.order());
            lexer.end();
        }
        return new RunQuery(List.copyOf(conditions), List.copyOf(order));
    }

    /** The runs that match, sorted by {@link #order} (stable: ties keep the store's order). */
    public List<RunRecord> apply(List<RunRecord> runs) {
        List<RunRecord> out = new ArrayList<>(runs.stream().filter(this::matches).toList());
        if (!order.isEmpty()) {
            Comparator<RunRecord> by = null;
            for (Order o : order) {
                Comparator<RunRecord> next = comparator(o);
                by = by == null ? next : by.thenComparing(next);
            }
            out.sort(by);
        }
        return out;
    }

    public boolean matches(RunRecord run) {
        for (Condition c : conditions) {
            Object value = valueOf(run, c.kind(), c.name());
            if (value == null || !holds(c, value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Condition c, Object value) {
        if (value instanceof Double d) {
            int cmp = Double.compare(d, c.number());
            return switch (c.op()) {
                case "=" -> cmp == 0;
                case "!=" -> cmp != 0;
                case "<" -> cmp < 0;
                case "<=" -> cmp <= 0;
                case ">" -> cmp > 0;
                default -> cmp >= 0;
            };
        }
        String s = value.toString();
        return switch (c.op()) {
            case "=" -> s.equals(c.text());
            case "!=" -> !s.equals(c.text());
            case "LIKE", "ILIKE" -> c.like().matcher(s).matches();
            default -> {
                int cmp = s.compareTo(c.text());
                yield switch (c.op()) {
                    case "<" -> cmp < 0;
                    case "<=" -> cmp <= 0;
                    case ">" -> cmp > 0;
                    default -> cmp >= 0;
                };
            }
        };
    }

    /** SQL LIKE: {@code %} any run of characters, {@code _} one character, everything else literal. */
    private static Pattern like(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char ch : pattern.toCharArray()) {
            if (ch == '%' || ch == '_') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(ch == '%' ? ".*" : ".");
            } else {
                literal.append(ch);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0));
    }

    /** A metric's last value (Double), else the text of a param, tag or attribute; null when the run lacks it. */
    static Object valueOf(RunRecord run, Kind kind, String name) {
        return switch (kind) {
            case METRIC -> {
                MetricSeries s = run.metrics().get(name);
                yield s == null || s.count() == 0 ? null : s.last();
            }
            case PARAM -> run.params().get(name);
            case TAG -> run.tags().get(name);
            case ATTRIBUTE -> switch (name) {
                case "id" -> run.id();
                case "name", "run_name" -> run.displayName();
                case "experiment" -> run.experiment();
                case "status" -> run.status() == null ? null : run.status().name();
                case "start_time" -> run.startTime() == null ? null : run.startTime().toString();
                default -> run.endTime() == null ? null : run.endTime().toString();
            };
        };
    }

    private static Comparator<RunRecord> comparator(Order o) {
        Comparator<Object> values = (a, b) -> a instanceof Double x && b instanceof Double y
                ? Double.compare(x, y) : a.toString().compareTo(b.toString());
        Comparator<Object> direction = o.descending() ? values.reversed() : values;
        // runs without the key go last in either direction, as in MLflow
        return Comparator.comparing(run -> valueOf(run, o.kind(), o.name()), Comparator.nullsLast(direction));
    }

    /** Reads one expression; every error names the option, the position and the fix. */
    private static final class Lexer {
        private final String text;
        private final String option;
        private int pos;

        Lexer(String text, String option) {
            this.text = text;
            this.option = option;
        }

        Condition condition() {
            int at = skipSpace();
            Key key = key();
            String op = op();
            skipSpace();
            if (key.kind == Kind.METRIC) {
                if (op.equals("LIKE") || op.equals("ILIKE")) {
                    throw error(at, "metric '" + key.name + "' is a number: " + op + " compares text",
                            "compare metrics with =, !=, <, <=, > or >=");
                }
                return new Condition(key.kind, key.name, op, null, number(), null);
            }
            String value = string();
            Pattern like = op.equals("LIKE") || op.equals("ILIKE") ? like(value, op.equals("ILIKE")) : null;
            return new Condition(key.kind, key.name, op, value, null, like);
        }

        Order order() {
            skipSpace();
            Key key = key();
            skipSpace();
            String word = word();
            boolean descending = switch (word.toUpperCase(Locale.ROOT)) {
                case "", "ASC" -> false;
                case "DESC" -> true;
                default -> throw error(pos - word.length(), "'" + word + "' is not ASC or DESC", "write e.g. metrics.auc DESC");
            };
            return new Order(key.kind, key.name, descending);
        }

        boolean and() {
            skipSpace();
            int start = pos;
            String word = word();
            if (word.equalsIgnoreCase("and")) {
                return true;
            }
            if (word.equalsIgnoreCase("or")) {
                throw error(start, "OR is not supported (MLflow's syntax has only AND)", "run one search per alternative");
            }
            pos = start;
            return false;
        }

        void end() {
            skipSpace();
            if (pos < text.length()) {
                throw error(pos, "unexpected '" + text.substring(pos) + "'", "join conditions with 'and'");
            }
        }

        private record Key(Kind kind, String name) {
        }

        private Key key() {
            int start = pos;
            String word = word();
            if (word.isEmpty() || pos >= text.length() || text.charAt(pos) != '.') {
                throw error(start, "expected a key such as metrics.auc, params.C, tags.team or attributes.status",
                        "prefix the name with metrics., params., tags. or attributes.");
            }
            String prefix = word.toLowerCase(Locale.ROOT);
            Kind kind = switch (prefix) {
                case "metrics", "metric" -> Kind.METRIC;
                case "params", "param", "parameters", "parameter" -> Kind.PARAM;
                case "tags", "tag" -> Kind.TAG;
                case "attributes", "attribute", "attr", "run" -> Kind.ATTRIBUTE;
                default -> throw error(start, "'" + word + "' is not metrics, params, tags or attributes",
                        "prefix the name with metrics., params., tags. or attributes.");
            };
            int dot = pos;
            pos = dot + 1;
            String name;
            if (pos < text.length() && (text.charAt(pos) == '`' || text.charAt(pos) == '"')) {
                char quote = text.charAt(pos);
                int close = text.indexOf(quote, pos + 1);
                if (close < 0) {
                    throw error(pos, "the quoted key is not closed", "end it with " + quote);
                }
                name = text.substring(pos + 1, close);
                pos = close + 1;
            } else {
                int end = pos;
                while (end < text.length() && bareKeyChar(text.charAt(end))) {
                    end++;
                }
                name = text.substring(pos, end);
                pos = end;
            }
            if (name.isEmpty()) {
                throw error(start, "the key has no name after '" + prefix + ".'", "write e.g. " + prefix + ".auc");
            }
            if (kind == Kind.ATTRIBUTE && !ATTRIBUTES.contains(name)) {
                throw error(start, "'" + name + "' is not an attribute", "use one of " + String.join(", ", ATTRIBUTES));
            }
            return new Key(kind, name);
        }

        private static boolean bareKeyChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '/' || c == '-';
        }

        private String op() {
            skipSpace();
            for (String op : List.of("<=", ">=", "!=", "=", "<", ">")) {
                if (text.startsWith(op, pos)) {
                    pos += op.length();
                    return op;
                }
            }
            int start = pos;
            String word = word().toUpperCase(Locale.ROOT);
            if (word.equals("LIKE") || word.equals("ILIKE")) {
                return word;
            }
            throw error(start, "expected a comparison (=, !=, <, <=, >, >=, LIKE, ILIKE)", "write e.g. metrics.auc > 0.8");
        }

        private double number() {
            int start = pos;
            while (pos < text.length() && "+-.0123456789eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                double value = Double.parseDouble(text.substring(start, pos));
                if (Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error(start, "expected a number", "compare metrics with numbers, e.g. metrics.auc > 0.8");
        }

        private String string() {
            if (pos >= text.length() || (text.charAt(pos) != '\'' && text.charAt(pos) != '"')) {
                throw error(pos, "expected a quoted value", "quote params, tags and attributes: params.C = '1.0'");
            }
            char quote = text.charAt(pos);
            int close = text.indexOf(quote, pos + 1);
            if (close < 0) {
                throw error(pos, "the quoted value is not closed", "end it with " + quote);
            }
            String value = text.substring(pos + 1, close);
            pos = close + 1;
            return value;
        }

        private String word() {
            int start = pos;
            while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }

        private int skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            return pos;
        }

        private BadInputException error(int at, String problem, String fix) {
            return new BadInputException(option + " '" + text + "', at character " + (at + 1) + ": " + problem
                    + ". Fix: " + fix + " (" + DOC + ").");
        }
    }
}
