package io.jenkins.plugins.mlops.core.registry.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.io.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's event log, kept in the registry's own metadata tree so that an event is written
 * in the same commit as the change it tells of: {@code events/NNNNNNNNNNNN.jsonl}, one JSON
 * {@link RegistryEvent} a line, each file (segment) named by the sequence number of its first
 * event and holding at most {@value #SEGMENT_EVENTS} events, so a change rewrites one small file,
 * not the whole history. Appenders never race: the commit that adds an event is a compare-and-swap
 * on the registry's branch, so two changes made at once get consecutive numbers, never the same one.
 *
 * <p>A line that does not parse as the very last line of the log (a torn write: the log edited by
 * hand or by a tool that died halfway, then pushed) is not an event: readers skip it and the next
 * append drops it (the repair), giving its number to the next real event. A damaged line anywhere
 * else is refused with its file and line, never skipped: events after it may depend on it.
 */
public final class EventLog {
    public static final String DIR = "events";
    static final int SEGMENT_EVENTS = 100;

    private EventLog() {
    }

    /** What the log is read from: the registry's metadata tree as of one commit. */
    public interface Source {
        /** Names of the entries directly under {@code dir} (empty when it does not exist). */
        List<String> list(String dir);

        Optional<byte[]> read(String path);
    }

    /** An event to append; its number and time are given by {@link #append}. */
    public record Draft(String model, String version, String kind, String cause) {
    }

    /** The files to write, in the same commit as the change, and the events they add. */
    public record Appended(Map<String, byte[]> files, List<RegistryEvent> events) {
    }

    /** Every event numbered above {@code seq}, oldest first ({@code seq} 0: the whole log). */
    public static List<RegistryEvent> after(Source source, long seq) {
        List<Long> firsts = segments(source);
        int from = 0;
        for (int i = 0; i < firsts.size(); i++) {
            if (firsts.get(i) <= seq + 1) {
                from = i; // the segment that holds seq + 1, or the last before it
            }
        }
        List<RegistryEvent> out = new ArrayList<>();
        for (int i = from; i < firsts.size(); i++) {
            for (RegistryEvent e : read(source, firsts.get(i), i == firsts.size() - 1).events()) {
                if (e.seq() > seq) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** The number of the newest event (0 for an empty log). */
    public static long last(Source source) {
        List<Long> firsts = segments(source);
        if (firsts.isEmpty()) {
            return 0;
        }
        long first = firsts.get(firsts.size() - 1);
        return first + read(source, first, true).events().size() - 1;
    }

    /** The files that add {@code drafts} after the log as {@code source} holds it (a torn tail is dropped). */
    public static Appended append(Source source, List<Draft> drafts, Instant at) {
        List<Long> firsts = segments(source);
        Map<String, byte[]> files = new LinkedHashMap<>();
        List<RegistryEvent> added = new ArrayList<>();
        long segmentFirst;
        ByteArrayOutputStream segment = new ByteArrayOutputStream();
        int inSegment;
        if (firsts.isEmpty()) {
            segmentFirst = 1;
            inSegment = 0;
        } else {
            segmentFirst = firsts.get(firsts.size() - 1);
            Segment last = read(source, segmentFirst, true);
            segment.write(last.bytes(), 0, last.validLength());
            inSegment = last.events().size();
        }
        boolean changed = false;
        long next = segmentFirst + inSegment;
        for (Draft d : drafts) {
            if (inSegment == SEGMENT_EVENTS) {
                if (changed) {
                    files.put(path(segmentFirst), segment.toByteArray());
                }
                segmentFirst = next;
                segment = new ByteArrayOutputStream();
                inSegment = 0;
            }
            RegistryEvent e = new RegistryEvent(next++, d.model(), d.version(), d.kind(), at, oneLine(d.cause()));
            segment.writeBytes(line(e));
            inSegment++;
            changed = true;
            added.add(e);
        }
        if (changed) {
            files.put(path(segmentFirst), segment.toByteArray());
        }
        return new Appended(files, added);
    }

    static String path(long first) {
        return DIR + "/" + String.format(java.util.Locale.ROOT, "%012d", first) + ".jsonl";
    }

    /** The first sequence number of each segment, in order. */
    private static List<Long> segments(Source source) {
        List<Long> firsts = new ArrayList<>();
        for (String name : source.list(DIR)) {
            if (name.matches("[0-9]{12}\\.jsonl")) {
                firsts.add(Long.parseLong(name.substring(0, 12)));
            }
        }
        firsts.sort(null);
        return firsts;
    }

    /** A segment's events, its bytes, and how many of them are whole events (the rest is a torn tail). */
    private record Segment(List<RegistryEvent> events, byte[] bytes, int validLength) {
    }

    private static Segment read(Source source, long first, boolean lastSegment) {
        String path = path(first);
        byte[] bytes = source.read(path).orElse(new byte[0]);
        List<RegistryEvent> events = new ArrayList<>();
        int start = 0;
        int valid = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            int end = indexOf(bytes, (byte) '\n', start);
            lineNo++;
            boolean lastLine = end < 0 || end == bytes.length - 1;
            RegistryEvent e = end < 0 ? null : parse(bytes, start, end);
            if (e == null) {
                if (lastSegment && lastLine) {
                    break; // a torn tail: not an event; the next append drops it
                }
                throw new InfrastructureException("the registry's event log " + path + " line " + lineNo
                        + " is damaged (not an event, and not the log's last line). Fix: restore " + path
                        + " from the metadata repository's history ('git log -p -- " + path + "')");
            }
            long expected = first + events.size();
            if (e.seq() != expected) {
                throw new InfrastructureException("the registry's event log " + path + " line " + lineNo
                        + " holds event #" + e.seq() + " where #" + expected + " belongs. Fix: restore " + path
                        + " from the metadata repository's history ('git log -p -- " + path + "')");
            }
            events.add(e);
            start = end + 1;
            valid = start;
        }
        return new Segment(events, bytes, valid);
    }

    private static RegistryEvent parse(byte[] bytes, int start, int end) {
        try {
            RegistryEvent e = Json.mapper().readValue(bytes, start, end - start, RegistryEvent.class);
            return e == null || e.model() == null || e.version() == null || e.kind() == null ? null : e;
        } catch (IOException e) {
            return null;
        }
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    static byte[] line(RegistryEvent e) {
        try {
            return (Json.mapper().writeValueAsString(e) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException x) {
            throw new IllegalStateException("cannot serialize event " + e.seq(), x);
        }
    }

    /** A cause is one line of the log: line breaks become spaces. */
    private static String oneLine(String cause) {
        return cause == null ? "" : cause.replaceAll("[\\r\\n]+", " ").strip();
    }
}
