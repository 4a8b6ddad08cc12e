package io.jenkins.plugins.mlops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Jelly views are safe and localized: every view escapes by default; the only unescaped
 * output is {@code <j:out value="${html}"/>} of core-rendered HTML; no view has literal
 * user-facing text (text nodes and title attributes are expressions, labels are {@code ${%...}}
 * keys); and every {@code ${%key}} has its line in the view's .properties file.
 */
public class JellyViewsTest {
    private static final Pattern LOCALIZED = Pattern.compile("\\$\\{%([^}]*)}");

    private static List<Path> views() throws IOException {
        Path resources = Path.of(System.getProperty("basedir", System.getProperty("user.dir")), "src/main/resources");
        try (Stream<Path> walk = Files.walk(resources)) {
            return walk.filter(p -> p.toString().endsWith(".jelly")).sorted().toList();
        }
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    @Test
    public void everyViewEscapesByDefault() throws Exception {
        assertThat(views()).hasSizeGreaterThanOrEqualTo(5);
        for (Path view : views()) {
            assertThat(Files.readString(view, StandardCharsets.UTF_8)).as(view.toString())
                    .startsWith("<?jelly escape-by-default='true'?>");
        }
    }

    @Test
    public void theOnlyUnescapedOutputIsCoreRenderedHtml() throws Exception {
        for (Path view : views()) {
            NodeList outs = parse(view).getElementsByTagNameNS("jelly:core", "out");
            for (int i = 0; i < outs.getLength(); i++) {
                assertThat(((Element) outs.item(i)).getAttribute("value")).as(view + ": j:out").isEqualTo("${html}");
            }
            String text = Files.readString(view, StandardCharsets.UTF_8);
            if (text.contains("<j:out")) {
                // the one unescaped value comes from the action's core-rendered html, with or without arguments
                assertThat(text).as(view.toString()).containsPattern("<j:set var=\"html\" value=\"\\$\\{it\\.(html|getHtml\\([a-z]+(, [a-z]+)*\\))\\}\"/>");
            }
            assertThat(text).as(view + ": no inline script").doesNotContain("<script");
        }
    }

    @Test
    public void noViewHasLiteralTextAndEveryLabelHasItsProperty() throws Exception {
        List<String> problems = new ArrayList<>();
        for (Path view : views()) {
            if (view.getFileName().toString().equals("index.jelly") && view.getParent().getFileName().toString()
                    .equals("resources")) {
                continue; // the plugin's description for the plugin manager, shown as is
            }
            literalText(parse(view).getDocumentElement(), view, problems);
            Properties labels = new Properties();
            Path properties = view.resolveSibling(view.getFileName().toString().replace(".jelly", ".properties"));
            Matcher m = LOCALIZED.matcher(Files.readString(view, StandardCharsets.UTF_8));
            boolean any = false;
            while (m.find()) {
                if (!any) {
                    assertThat(properties).as("labels of " + view).exists();
                    try (var in = Files.newInputStream(properties)) {
                        labels.load(in);
                    }
                    any = true;
                }
                if (!labels.containsKey(m.group(1))) {
                    problems.add(view + ": ${%" + m.group(1) + "} has no line in " + properties.getFileName());
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /**
     * A form check is annotated @POST, so the field it checks must ask by POST
     * (checkMethod="post" on a control that supports checks: f:textbox or f:textarea).
     */
    @Test
    public void everyCheckedFieldAsksByPost() throws Exception {
        for (Path view : views()) {
            if (!view.getFileName().toString().equals("config.jelly")) {
                continue;
            }
            String binary = view.getParent().toString().replace('\\', '/')
                    .replaceAll(".*/src/main/resources/", "").replace('/', '.');
            Class<?> owner = Class.forName(binary);
            // a step's descriptor is its nested DescriptorImpl; a GlobalConfiguration is its own descriptor
            Class<?> descriptor = hudson.model.Descriptor.class.isAssignableFrom(owner) ? owner
                    : Class.forName(binary + "$DescriptorImpl");
            Document doc = parse(view);
            NodeList entries = doc.getElementsByTagNameNS("/lib/form", "entry");
            int checked = 0;
            for (java.lang.reflect.Method m : descriptor.getMethods()) {
                if (!m.getName().startsWith("doCheck")) {
                    continue;
                }
                String field = Character.toLowerCase(m.getName().charAt(7)) + m.getName().substring(8);
                Element entry = null;
                for (int i = 0; i < entries.getLength(); i++) {
                    if (field.equals(((Element) entries.item(i)).getAttribute("field"))) {
                        entry = (Element) entries.item(i);
                    }
                }
                assertThat(entry).as(view + ": an f:entry for checked field " + field).isNotNull();
                Element control = (Element) entry.getElementsByTagNameNS("/lib/form", "*").item(0);
                assertThat(control.getLocalName()).as(view + ": control of " + field).isIn("textbox", "textarea");
                assertThat(control.getAttribute("checkMethod")).as(view + ": checkMethod of " + field).isEqualTo("post");
                checked++;
            }
            assertThat(checked).as(view + ": checked fields").isGreaterThan(0);
        }
    }

    private static void literalText(Node node, Path view, List<String> problems) {
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE) {
                String text = child.getTextContent().replaceAll("\\$\\{[^}]*}", "").replaceAll("[\\s:()]", "");
                if (!text.isEmpty()) {
                    problems.add(view + ": literal text '" + child.getTextContent().trim() + "'");
                }
            } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                NamedNodeMap attributes = child.getAttributes();
                for (int i = 0; i < attributes.getLength(); i++) {
                    Attr a = (Attr) attributes.item(i);
                    if (a.getName().equals("title") && !a.getValue().startsWith("${")) {
                        problems.add(view + ": literal title '" + a.getValue() + "'");
                    }
                }
                literalText(child, view, problems);
            }
        }
    }
}
