package io.jenkins.plugins.mlops.core.monitor;

import java.time.Instant;
import java.time.LocalDate;

/**
 * ISO-8601 instants as servers write them, read fast: {@code 2026-12-06T21:14:27.996Z} (UTC, 0 to 9
 * fraction digits) without a formatter, a million times a second; any other form (an offset such
 * as {@code +01:00}) goes to {@link Instant#parse}, which also rejects what is not an instant.
 */
final class Instants {
    private Instants() {
    }

    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || (n > 20 && s.charAt(19) != '.')) {
            return Instant.parse(s);
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        int fraction = n > 21 ? digits(s, 20, n - 1) : n == 21 ? -1 : 0;
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59
                || fraction < 0) {
            return Instant.parse(s); // its message says what is wrong
        }
        int nanos = fraction;
        for (int i = n - 1 - 20; i < 9; i++) {
            nanos *= 10;
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (java.time.DateTimeException e) {
            return Instant.parse(s);
        }
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, n > 20 ? nanos : 0);
    }

    /** The number written by {@code s[from, to)}, or -1 when a character there is not a digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
