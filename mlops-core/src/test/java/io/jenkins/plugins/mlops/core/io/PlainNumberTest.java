package io.jenkins.plugins.mlops.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.Test;

/**
 * Plain numbers are read as their definition says, bit for bit: signs, runs of
 * 0 to 20 digits on either side of the point, what follows them (a delimiter, a letter, a second point,
 * digits past the end of the slice), far from the array's end and at it.
 */
public class PlainNumberTest {
    @Test
    public void everyShapeOfNumberIsReadAsItsDefinitionSays() {
        SplittableRandom r = new SplittableRandom(14);
        String[] after = {",", "\n", "x", " ", "e5", ".5", "7", "\"", "\u00e9"};
        PlainNumber n = new PlainNumber();
        for (int i = 0; i < 200_000; i++) {
            String sign = new String[] {"", "", "-", "+"}[r.nextInt(4)];
            String integer = digits(r, r.nextInt(4) == 0 ? r.nextInt(21) : r.nextInt(3));
            boolean point = r.nextBoolean();
            String fraction = point ? digits(r, r.nextInt(4) == 0 ? r.nextInt(21) : r.nextInt(8)) : "";
            String lexeme = sign + integer + (point ? "." + fraction : "");
            String follow = after[r.nextInt(after.length)];
            boolean cut = r.nextInt(5) == 0; // the slice ends inside what follows: digits there are not the number's
            byte[] text = (lexeme + follow).getBytes(StandardCharsets.UTF_8);
            int offset = r.nextInt(3);
            int padding = r.nextBoolean() ? 40 : r.nextInt(4); // far from the array's end, or at it
            byte[] b = new byte[offset + text.length + padding];
            System.arraycopy(text, 0, b, offset, text.length);
            int limit = offset + lexeme.length() + (cut ? 0 : follow.getBytes(StandardCharsets.UTF_8).length);

            double got = n.parse(b, offset, limit);

            boolean negative = sign.equals("-");
            double expected;
            int end;
            boolean whole = !point;
            if (point) {
                // a digit that follows the fraction inside the slice belongs to it ("7")
                String f = fraction + (!cut && follow.equals("7") ? "7" : "");
                end = offset + sign.length() + integer.length() + 1 + f.length();
                int all = integer.length() + f.length();
                expected = all == 0 || all > 15 ? Double.NaN : signed(negative, new BigDecimal(integer + "." + f + "0").doubleValue());
            } else {
                String w = integer + (!cut && follow.equals("7") ? "7" : "");
                boolean pointFollows = !cut && follow.equals(".5");
                if (pointFollows) {
                    whole = false;
                    end = offset + sign.length() + w.length() + 2;
                    int all = w.length() + 1;
                    expected = all > 15 ? Double.NaN : signed(negative, new BigDecimal(w + ".5").doubleValue());
                } else {
                    end = offset + sign.length() + w.length();
                    expected = w.isEmpty() || w.length() > 18 ? Double.NaN : (double) (negative ? -Long.parseLong(w) : Long.parseLong(w));
                }
            }
            String what = "'" + lexeme + "' then '" + follow + "'" + (cut ? " (cut)" : "") + " at " + offset + " of " + b.length;
            assertThat(Double.doubleToRawLongBits(got)).as(what + ": " + got + " against " + expected)
                    .isEqualTo(Double.doubleToRawLongBits(expected));
            if (!Double.isNaN(expected)) {
                assertThat(n.end).as(what + ": end").isEqualTo(end);
                assertThat(n.whole).as(what + ": whole").isEqualTo(whole);
            }
        }
    }

    private static double signed(boolean negative, double magnitude) {
        return negative ? -magnitude : magnitude;
    }

    private static String digits(SplittableRandom r, int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            s.append((char) ('0' + r.nextInt(10)));
        }
        return s.toString();
    }
}
