package io.jenkins.plugins.mlops.core.track.ingest;

import com.google.protobuf.InvalidProtocolBufferException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The tag names of an event file, decoded once each: a log repeats a handful of tags a million
 * times, so a tag's bytes are compared with the few seen last instead of being decoded into a new
 * string (and hashed again) for every point. A name that is not UTF-8 is refused, as protobuf does.
 */
final class TagNames {
    private static final int SLOTS = 32;
    private final byte[][] bytes = new byte[SLOTS][];
    private final String[] names = new String[SLOTS];
    private int next;

    /** The name in {@code buffer[from, from + length)}, which the caller has checked lies inside the message. */
    String tag(byte[] buffer, int from, int length) throws InvalidProtocolBufferException {
        for (int i = 0; i < SLOTS && bytes[i] != null; i++) {
            byte[] known = bytes[i];
            if (known.length == length && Arrays.equals(known, 0, length, buffer, from, from + length)) {
                return names[i];
            }
        }
        String name;
        try {
            name = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(buffer, from, length)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidProtocolBufferException("a tag name is not UTF-8");
        }
        bytes[next] = Arrays.copyOfRange(buffer, from, from + length);
        names[next] = name;
        next = (next + 1) % SLOTS;
        return name;
    }
}
