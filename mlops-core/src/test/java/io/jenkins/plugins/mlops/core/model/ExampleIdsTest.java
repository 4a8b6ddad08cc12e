package io.jenkins.plugins.mlops.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.Test;

public class ExampleIdsTest {
    private static long canonical(String text) {
        byte[] b = ("x," + text + ",y").getBytes(StandardCharsets.US_ASCII); // a slice inside a larger buffer, as the reader gives it
        return ExampleIds.canonicalNumber(b, 2, text.length());
    }

    @Test
    public void anIdIsANumberExactlyWhenLongToStringWritesIt() {
        for (long v : new long[] {0, 7, 10, -7, 123456789, -100, 999_999_999_999_999_999L, -999_999_999_999_999_999L}) {
            assertThat(canonical(Long.toString(v))).as(Long.toString(v)).isEqualTo(v);
        }
        for (String text : new String[] {"", "-", "-0", "00", "07", "-07", "+1", " 1", "1 ", "1a", "1.0", "0x1",
            "1000000000000000000", "-1000000000000000000"}) {
            assertThat(canonical(text)).as("'" + text + "'").isEqualTo(Long.MIN_VALUE);
        }
    }
}
