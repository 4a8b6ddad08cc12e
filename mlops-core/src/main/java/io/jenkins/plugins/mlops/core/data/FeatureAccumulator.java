package io.jenkins.plugins.mlops.core.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.jenkins.plugins.mlops.core.io.PlainNumber;
import java.nio.charset.StandardCharsets;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * Statistics of one column as one thread sees its share of the rows: counts, moments, mergeable
 * sketches (a weighted sample for quantiles, distinct count, frequent items) and the row-level checks. Values
 * arrive as slices of the parser's buffer, so numbers never become Strings; numbers are buffered
 * and folded in blocks (the quantile sketch samples a block at once, moments are merged with Chan's
 * formula). Every approximate statistic states its bound where it is computed (NumericSketch,
 * DistinctCounter).
 */
final class FeatureAccumulator {
    /** Values a column's quantile sample keeps (see NumericSketch): 256 KB, exact up to that many values. */
    static final int SAMPLE_CAPACITY = 32_768;
    /** What the quantile samples of one scan may take together: the capacity shrinks for very wide data. */
    static final long SKETCH_BUDGET_BYTES = 256L << 20;
    /** The smallest capacity the budget may choose (rank error about 7 to 12 %, against 1.0 to 1.7 % at 32,768). */
    static final int MIN_SAMPLE_CAPACITY = 512;
    static final int ITEMS_MAP = 1024;
    private static final int BLOCK = 1024;

    final String name;
    final ColumnCheck check;
    long firstLine = Long.MAX_VALUE;

    long present;
    long missing;
    long intCount;
    long floatCount;
    long stringCount;
    long nanCount;
    long infCount;

    // finite numbers
    long numCount;
    double mean;
    double m2;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    final NumericSketch sketch;
    // grows to BLOCK as values come, and is let go at the end of a share (finish): a file of
    // thousands of columns and few rows keeps a few bytes per column
    private double[] block = NO_BLOCK;
    private static final double[] NO_BLOCK = new double[0];
    private int blockSize;

    final DistinctCounter distinct = new DistinctCounter();
    ItemsSketch<String> items;
    long stringLengthSum;
    long stringLengthMin = Long.MAX_VALUE;
    long stringLengthMax;

    private final PlainNumber number = new PlainNumber();
    final LineExamples typeMismatch = new LineExamples();
    final LineExamples outOfDomain = new LineExamples();
    final LineExamples unseen = new LineExamples();
    final LineExamples missingRows = new LineExamples();

    // the schema's domain as primitives, read for every number (a record of boxed bounds was the
    // hottest frame of the scan in JFR)
    private final boolean hasDomain;
    private final double domainMin;
    private final double domainMax;
    private final boolean wholeNumbersOnly;

    FeatureAccumulator(String name, ColumnCheck check, int sampleCapacity) {
        this.name = name;
        this.check = check;
        this.sketch = new NumericSketch(sampleCapacity);
        NumericDomain domain = check.domain();
        this.hasDomain = domain != null;
        this.domainMin = domain == null || domain.min() == null ? Double.NEGATIVE_INFINITY : domain.min();
        this.domainMax = domain == null || domain.max() == null ? Double.POSITIVE_INFINITY : domain.max();
        this.wholeNumbersOnly = check.type() == FeatureType.INT;
    }

    /**
     * The quantile samples' capacity for a scan of {@code columns} columns holding {@code sketchesPerColumn}
     * samples of each at once (one per thread, and the merged one): {@value #SAMPLE_CAPACITY} while they fit in
     * {@link #SKETCH_BUDGET_BYTES} (8 bytes a kept value), else smaller, down to {@value #MIN_SAMPLE_CAPACITY}:
     * 32,768 up to 341 columns on 2 threads, 1,024 at 10,922. A sample grows with its column's values, so only
     * columns longer than the capacity take all of it.
     */
    static int sampleCapacity(int columns, int sketchesPerColumn) {
        long perSketch = SKETCH_BUDGET_BYTES / Math.max(1L, (long) columns * sketchesPerColumn) / 8;
        return (int) Math.max(MIN_SAMPLE_CAPACITY, Math.min(SAMPLE_CAPACITY, perSketch)) & ~1;
    }

    /** A field from the CSV parser: the UTF-8 bytes {@code buf[off, off+len)}. */
    void acceptField(byte[] buf, int off, int len, long line) {
        int end = off + len;
        while (off < end && buf[off] == ' ') {
            off++;
        }
        while (end > off && buf[end - 1] == ' ') {
            end--;
        }
        if (off == end) {
            acceptMissing(line);
            return;
        }
        // plain numbers without a parser call, the rest through FastDoubleParser
        double plain = number.parse(buf, off, end);
        if (number.end == end && plain == plain) {
            acceptNumber(plain, number.whole, line);
            return;
        }
        if (plausibleNumber(buf[off])) {
            double d;
            try {
                d = JavaDoubleParser.parseDouble(buf, off, end - off);
            } catch (NumberFormatException e) {
                acceptString(new String(buf, off, end - off, StandardCharsets.UTF_8), line);
                return;
            }
            acceptNumber(d, false, line);
            return;
        }
        acceptString(new String(buf, off, end - off, StandardCharsets.UTF_8), line);
    }

    private static boolean plausibleNumber(byte c) {
        return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'N' || c == 'I';
    }

    void acceptMissing(long line) {
        missing++;
        if (!check.nullable()) {
            missingRows.add(line);
        }
    }

    void acceptNumber(double v, boolean wholeLexeme, long line) {
        present++;
        if (wholeLexeme) {
            intCount++;
        } else {
            floatCount++;
        }
        if (wholeNumbersOnly && !wholeLexeme) {
            typeMismatch.add(line);
        }
        // NumericDomain.contains: NaN and infinities are outside every domain
        if (hasDomain && (!Double.isFinite(v) || v < domainMin || v > domainMax)) {
            outOfDomain.add(line);
        }
        if (Double.isNaN(v)) {
            nanCount++;
            return;
        }
        if (Double.isInfinite(v)) {
            infCount++;
            return;
        }
        if (blockSize == block.length) {
            if (block.length < BLOCK) {
                block = java.util.Arrays.copyOf(block, Math.max(16, block.length * 4));
            } else {
                flush();
            }
        }
        block[blockSize++] = v;
    }

    void acceptString(String s, long line) {
        present++;
        stringCount++;
        ColumnCheck c = check;
        if (c.type() != null && c.type().numeric()) {
            typeMismatch.add(line);
        }
        if (c.allowed() != null && !c.allowed().contains(s)) {
            unseen.add(line);
        }
        int length = s.length();
        stringLengthSum += length;
        stringLengthMin = Math.min(stringLengthMin, length);
        stringLengthMax = Math.max(stringLengthMax, length);
        if (items == null) {
            items = new ItemsSketch<>(ITEMS_MAP);
        }
        items.update(s);
        distinct.addString(s);
    }

    /** Folds the buffered numbers into the moments and sketches. */
    void flush() {
        int n = blockSize;
        if (n == 0) {
            return;
        }
        double[] b = block;
        double sum = 0;
        double lo = min;
        double hi = max;
        for (int i = 0; i < n; i++) {
            double v = b[i];
            sum += v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double blockMean = sum / n;
        double blockM2 = 0;
        for (int i = 0; i < n; i++) {
            double d = b[i] - blockMean;
            blockM2 += d * d;
        }
        mergeMoments(n, blockMean, blockM2);
        min = lo;
        max = hi;
        sketch.update(b, 0, n);
        distinct.addNumbers(b, n);
        blockSize = 0;
    }

    /** Folds what is buffered, lets the buffer go and orders the sample: the share has no more values. */
    void finish() {
        finish(new DoubleRadixSort());
    }

    /** {@link #finish()}, ordering the sample with {@code sorter}'s buffers (a share's thread has one for all its columns). */
    void finish(DoubleRadixSort sorter) {
        flush();
        block = NO_BLOCK;
        sketch.finish(sorter);
    }

    private void mergeMoments(long n, double otherMean, double otherM2) {
        if (n == 0) {
            return;
        }
        long total = numCount + n;
        double delta = otherMean - mean;
        mean += delta * n / total;
        m2 += otherM2 + delta * delta * ((double) numCount * n / total);
        numCount = total;
    }

    /** Makes line numbers absolute: {@code lineOffset} lines come before this share. */
    void shiftLines(long lineOffset) {
        if (firstLine != Long.MAX_VALUE) {
            firstLine += lineOffset;
        }
        typeMismatch.shift(lineOffset);
        outOfDomain.shift(lineOffset);
        unseen.shift(lineOffset);
        missingRows.shift(lineOffset);
    }

    /** Adds another thread's share, whose line numbers are shifted by {@code lineOffset}; call in file order. */
    void merge(FeatureAccumulator other, long lineOffset) {
        finish();
        other.finish();
        firstLine = Math.min(firstLine, other.firstLine == Long.MAX_VALUE ? Long.MAX_VALUE : other.firstLine + lineOffset);
        present += other.present;
        missing += other.missing;
        intCount += other.intCount;
        floatCount += other.floatCount;
        stringCount += other.stringCount;
        nanCount += other.nanCount;
        infCount += other.infCount;
        mergeMoments(other.numCount, other.mean, other.m2);
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sketch.merge(other.sketch);
        distinct.merge(other.distinct);
        if (other.items != null) {
            if (items == null) {
                items = new ItemsSketch<>(ITEMS_MAP);
            }
            items.merge(other.items);
        }
        stringLengthSum += other.stringLengthSum;
        stringLengthMin = Math.min(stringLengthMin, other.stringLengthMin);
        stringLengthMax = Math.max(stringLengthMax, other.stringLengthMax);
        typeMismatch.merge(other.typeMismatch, lineOffset);
        outOfDomain.merge(other.outOfDomain, lineOffset);
        unseen.merge(other.unseen, lineOffset);
        missingRows.merge(other.missingRows, lineOffset);
    }
}
