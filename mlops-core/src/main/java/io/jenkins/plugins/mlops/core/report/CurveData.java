package io.jenkins.plugins.mlops.core.report;

import com.fasterxml.jackson.core.JsonGenerator;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The metric curves of every run as JSON, for the comparison page's client-side overlay:
 * {@code {"RUN_ID": {"name": "...", "m": {"metric": [x0, y0, x1, y1, ...]}}}}. The page carries it
 * in a data attribute (escaped like any attribute) and mlops.js parses it with JSON.parse: data,
 * never script. Each series is thinned evenly (first and last points kept) to fit a point budget.
 */
final class CurveData {
    private CurveData() {
    }

    static String json(List<RunRecord> records, int budget, int minPoints) {
        long series = 0;
        for (RunRecord r : records) {
            for (MetricSeries s : r.metrics().values()) {
                if (ComparisonReport.multiStep(s)) {
                    series++;
                }
            }
        }
        int perSeries = (int) Math.max(minPoints, Math.min(io.jenkins.plugins.mlops.core.report.chart.LineChart.MAX_POINTS,
                series == 0 ? minPoints : budget / series));
        StringWriter out = new StringWriter(1 << 16);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartObject();
            for (RunRecord r : records) {
                g.writeObjectFieldStart(r.id());
                g.writeStringField("name", r.displayName());
                g.writeObjectFieldStart("m");
                for (Map.Entry<String, MetricSeries> e : r.metrics().entrySet()) {
                    MetricSeries s = e.getValue();
                    if (!ComparisonReport.multiStep(s)) {
                        continue;
                    }
                    var sorted = ComparisonReport.byStep(r.displayName(), s);
                    g.writeArrayFieldStart(e.getKey());
                    int n = sorted.xs().length;
                    int keep = Math.min(n, perSeries);
                    int previous = -1;
                    for (int k = 0; k < keep; k++) {
                        int i = keep == 1 ? 0 : (int) Math.round((double) k * (n - 1) / (keep - 1));
                        if (i == previous) {
                            continue;
                        }
                        previous = i;
                        writeNumber(g, sorted.xs()[i]);
                        writeNumber(g, sorted.ys()[i]);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void writeNumber(JsonGenerator g, double v) throws IOException {
        if (!Double.isFinite(v)) {
            g.writeNull();
        } else if (MetricFormat.isWhole(v)) {
            g.writeNumber((long) v);
        } else {
            g.writeNumber((float) v);
        }
    }
}
