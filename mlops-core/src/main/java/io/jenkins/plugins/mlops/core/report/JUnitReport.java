package io.jenkins.plugins.mlops.core.report;

import io.jenkins.plugins.mlops.core.format.MetricFormat;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A JUnit XML test suite, the format Jenkins's JUnit plugin (and every CI) reads: one test case
 * per check, its measured value in the failure message. Written with StAX, which escapes.
 */
public record JUnitReport(String suiteName, List<Case> cases) implements Serializable {

    /** One check. {@code failure} is {@code null} when it passed. */
    public record Case(String className, String name, double timeSeconds, String failure, String details,
                       boolean skipped) implements Serializable {
        public static Case passed(String className, String name, String details) {
            return new Case(className, name, 0, null, details, false);
        }

        public static Case failed(String className, String name, String failure, String details) {
            return new Case(className, name, 0, failure, details, false);
        }
    }

    public JUnitReport {
        cases = List.copyOf(cases);
    }

    public long failures() {
        return cases.stream().filter(c -> c.failure() != null && !c.skipped()).count();
    }

    public long skipped() {
        return cases.stream().filter(Case::skipped).count();
    }

    public void writeTo(OutputStream out) throws IOException {
        try {
            // the JDK's own writer, not whichever StAX the classpath brings (Woodstox with Hadoop, or another
            // plugin's in Jenkins): the same bytes everywhere, '>' escaped in text and attributes
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuite");
            xml.writeAttribute("name", suiteName);
            xml.writeAttribute("tests", Integer.toString(cases.size()));
            xml.writeAttribute("failures", Long.toString(failures()));
            xml.writeAttribute("errors", "0");
            xml.writeAttribute("skipped", Long.toString(skipped()));
            xml.writeAttribute("time", seconds(cases.stream().mapToDouble(Case::timeSeconds).sum()));
            for (Case c : cases) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", c.className());
                xml.writeAttribute("name", c.name());
                xml.writeAttribute("time", seconds(c.timeSeconds()));
                if (c.skipped()) {
                    xml.writeEmptyElement("skipped");
                    if (c.failure() != null) {
                        xml.writeAttribute("message", c.failure());
                    }
                } else if (c.failure() != null) {
                    xml.writeStartElement("failure");
                    xml.writeAttribute("message", c.failure());
                    xml.writeCharacters(c.details() == null ? c.failure() : c.details());
                    xml.writeEndElement();
                }
                if (c.details() != null && c.failure() == null) {
                    xml.writeStartElement("system-out");
                    xml.writeCharacters(c.details());
                    xml.writeEndElement();
                }
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static String seconds(double s) {
        return MetricFormat.fixed(s, 3);
    }
}
