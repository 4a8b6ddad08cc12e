package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * MlopsMessages and Messages.properties stay in step, the way Jenkins's localizer would keep a
 * generated class: one constant per key, named by the key with '.' as '_', taking as many
 * arguments as the highest {n} placeholder + 1; every message's text renders; a wrong argument
 * count is refused rather than rendering a half-filled sentence.
 */
public class MlopsMessagesTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    private static Properties bundle() throws Exception {
        Properties p = new Properties();
        try (InputStream in = MlopsMessages.class.getResourceAsStream("Messages.properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    public void oneConstantPerKeyWithTheLocalizersNameAndArity() throws Exception {
        Map<String, Integer> expected = new TreeMap<>();
        for (String key : bundle().stringPropertyNames()) {
            int arity = 0;
            Matcher m = PLACEHOLDER.matcher(bundle().getProperty(key));
            while (m.find()) {
                arity = Math.max(arity, Integer.parseInt(m.group(1)) + 1);
            }
            expected.put(key.replace('.', '_'), arity);
        }
        Map<String, Integer> actual = Arrays.stream(MlopsMessages.values())
                .collect(Collectors.toMap(MlopsMessages::name, MlopsMessages::arity, (a, b) -> a, TreeMap::new));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    public void everyMessageRendersWithItsArguments() {
        for (MlopsMessages message : MlopsMessages.values()) {
            Object[] args = new Object[message.arity()];
            Arrays.fill(args, "ARG");
            String text = message.text(args);
            assertThat(text).as(message.name()).isNotBlank().doesNotContain("{0}").doesNotContain("{1}");
            if (args.length > 0) {
                assertThat(text).as(message.name()).contains("ARG");
            }
        }
        assertThat(MlopsMessages.Arguments_NotKeyValue.text("oops")).isEqualTo(
                "'oops' is not name=value. Fix: write entries as name=value, separated by commas or new lines");
    }

    @Test
    public void aWrongArgumentCountIsRefused() {
        assertThatThrownBy(() -> MlopsMessages.Step_Failed.text("mlBless"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Step_Failed takes 2");
    }
}
