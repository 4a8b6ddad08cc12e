package io.jenkins.plugins.mlops.core.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Jackson's error texts in the spec's words: no class names, no parser feature names, no source objects. */
public final class JacksonMessages {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern NESTING = Pattern.compile(".*nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+).*",
            Pattern.DOTALL);
    private static final Pattern LENGTH = Pattern.compile(".*(String value|Number value|Name) length \\(?(\\d+)\\)? exceeds the maximum "
            + "allowed \\((\\d+).*", Pattern.DOTALL);
    private static final Pattern COERCE = Pattern.compile("Cannot coerce String value \\((\"[^\"]*\")\\) to `[^`]*?(\\w+)`.*",
            Pattern.DOTALL);
    // "(... `JsonReadFeature.X` ...)", "; enable `X` to allow" and the like: advice to a programmer
    private static final Pattern FEATURE_HINT = Pattern.compile("\\s*[;(][^;()]*`[A-Za-z]+(ReadFeature|Feature|Constraints)[^`]*`[^;()]*\\)?");
    private static final Pattern QUALIFIED = Pattern.compile("`?\\b(?:java|javax|sun|com|org)\\.(?:[\\w$]+\\.)*([\\w$]+)`?");
    private static final Pattern NON_STANDARD = Pattern.compile("Non-standard token '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern BAD_UTF8 = Pattern.compile(".*Invalid UTF-8 .*", Pattern.DOTALL);
    private static final Pattern SOURCE = Pattern.compile("\\s*\\(?Source: [^\\n]*", Pattern.DOTALL);

    private JacksonMessages() {
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public static String plain(String message) {
        if (message == null) {
            return "unreadable";
        }
        Matcher m = DUPLICATE.matcher(message);
        if (m.matches()) {
            return "key '" + m.group(1) + "' is given twice (each key may appear once)";
        }
        m = NESTING.matcher(message);
        if (m.matches()) {
            return "nested " + m.group(1) + " levels deep, more than the " + m.group(2) + " allowed";
        }
        m = LENGTH.matcher(message);
        if (m.matches()) {
            return m.group(1).toLowerCase(java.util.Locale.ROOT) + " of " + m.group(2) + " characters, more than the "
                    + m.group(3) + " allowed";
        }
        if (message.startsWith("Trailing token")) {
            return "more follows the value (a second document, or text after the end)";
        }
        m = NON_STANDARD.matcher(message);
        if (m.matches()) {
            return "'" + m.group(1) + "' is not a JSON value (NaN and Infinity are not numbers in JSON)";
        }
        if (BAD_UTF8.matcher(message).matches()) {
            return "is not UTF-8 text";
        }
        m = COERCE.matcher(message);
        if (m.matches()) {
            String value = m.group(1).substring(1, m.group(1).length() - 1);
            boolean bool = m.group(2).equals("Boolean");
            boolean whole = m.group(2).matches("Integer|Long|Short|Byte|int|long|short|byte|BigInteger");
            String wanted = bool ? "true or false" : whole ? "a whole number" : "a number";
            boolean looksRight = bool ? value.equals("true") || value.equals("false") : isNumber(value);
            return looksRight ? m.group(1) + " is a string, but " + wanted + " is expected here (write it without quotes)"
                    : "'" + value + "' is not " + wanted;
        }
        String text = SOURCE.matcher(message).replaceAll("");
        text = FEATURE_HINT.matcher(text).replaceAll("");
        text = QUALIFIED.matcher(text).replaceAll("$1");
        return text.strip();
    }
}
