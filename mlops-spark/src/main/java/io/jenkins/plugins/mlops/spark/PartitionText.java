package io.jenkins.plugins.mlops.spark;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Iterator;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import scala.Tuple2;

/**
 * A partition's text lines (Hadoop's line records, key = byte offset in the file) as one UTF-8
 * stream, each line ended by LF, for the local engine's CSV parser. The file's header lines are
 * blanked, not dropped, so that line numbers stay the file's.
 */
final class PartitionText extends InputStream {
    private final Iterator<Tuple2<LongWritable, Text>> records;
    private final long headerLines;
    private long lines;
    private long first = -1;
    private byte[] line = new byte[256];
    private int pos;
    private int length;

    PartitionText(Iterator<Tuple2<LongWritable, Text>> records, long headerLines) {
        this.records = records;
        this.headerLines = headerLines;
    }

    /** Lines read so far. */
    long lines() {
        return lines;
    }

    private boolean nextLine() {
        if (!records.hasNext()) {
            return false;
        }
        Tuple2<LongWritable, Text> record = records.next();
        lines++;
        if (first < 0) {
            first = record._1().get();
        }
        pos = 0;
        if (first == 0 && lines <= headerLines) {
            length = 0; // the header: an empty line, which the parser skips
        } else {
            Text text = record._2();
            length = text.getLength();
            if (line.length < length + 1) {
                line = Arrays.copyOf(line, Math.max(length + 1, line.length * 2));
            }
            System.arraycopy(text.getBytes(), 0, line, 0, length);
        }
        line[length++] = '\n';
        return true;
    }

    @Override
    public int read() {
        if (pos == length && !nextLine()) {
            return -1;
        }
        return line[pos++] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        int n = 0;
        while (n < len) {
            if (pos == length && !nextLine()) {
                break;
            }
            int chunk = Math.min(len - n, length - pos);
            System.arraycopy(line, pos, b, off + n, chunk);
            pos += chunk;
            n += chunk;
        }
        return n == 0 ? -1 : n;
    }
}
