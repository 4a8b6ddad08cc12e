package io.jenkins.plugins.mlops.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.Test;

/** The fast path reads every UTC form exactly as Instant.parse, and leaves the rest (and the wrong) to it. */
public class InstantsTest {
    @Test
    public void everyFormReadsAsInstantParseReadsIt() {
        for (String s : new String[] {"2026-12-06T21:14:27Z", "2026-12-06T21:14:27.9Z", "2026-12-06T21:14:27.996Z",
            "2026-12-06T21:14:27.123456Z", "2026-12-06T21:14:27.123456789Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.5Z",
            "2026-12-06T22:14:27.996+01:00", "2026-12-06T21:14:27.Z"}) {
            assertThat(Instants.parse(s)).as(s).isEqualTo(Instant.parse(s));
        }
    }

    @Test
    public void whatIsNoInstantIsRefusedAsInstantParseRefusesIt() {
        for (String s : new String[] {"2026-13-06T21:14:27Z", "2026-02-30T21:14:27Z", "2026-12-06T24:14:27Z",
            "2026-12-06 21:14:27Z", "yesterday", "2026-12-06T21:1x:27Z"}) {
            assertThatThrownBy(() -> Instants.parse(s)).as(s).isInstanceOf(DateTimeParseException.class);
        }
    }
}
