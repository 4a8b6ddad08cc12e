package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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
 * generated class: one public static String method per key, named by the key with '.' as '_',
 * taking as many arguments as the highest {n} placeholder + 1; and every method's text renders.
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
    public void oneMethodPerKeyWithTheLocalizersNameAndArity() throws Exception {
        Map<String, Integer> expected = new TreeMap<>();
        for (String key : bundle().stringPropertyNames()) {
            int arity = 0;
            Matcher m = PLACEHOLDER.matcher(bundle().getProperty(key));
            while (m.find()) {
                arity = Math.max(arity, Integer.parseInt(m.group(1)) + 1);
            }
            expected.put(key.replace('.', '_'), arity);
        }
        Map<String, Integer> actual = Arrays.stream(MlopsMessages.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .collect(Collectors.toMap(Method::getName, Method::getParameterCount, (a, b) -> a, TreeMap::new));
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    public void everyMessageRendersWithItsArguments() throws Exception {
        for (Method m : MlopsMessages.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers())) {
                continue;
            }
            Object[] args = new Object[m.getParameterCount()];
            Arrays.fill(args, "ARG");
            String text = (String) m.invoke(null, args);
            assertThat(text).as(m.getName()).isNotBlank().doesNotContain("{0}").doesNotContain("{1}");
            if (args.length > 0) {
                assertThat(text).as(m.getName()).contains("ARG");
            }
        }
        assertThat(MlopsMessages.Arguments_NotKeyValue("oops")).isEqualTo(
                "'oops' is not name=value. Fix: write entries as name=value, separated by commas or new lines");
    }
}
