package io.jenkins.plugins.mlops.core.data;

import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.format.MetricFormat;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data stage's facade: scans the data (one parallel pass with the schema's row-level checks),
 * the reference and serving data when given, and turns statistics into anomalies, drift and skew.
 * Pure apart from reading the files; reports are written by {@code core.report.StageReports}.
 */
public final class DataValidator {
    static final String DATASET = "(dataset)";

    private DataValidator() {
    }

    public static DataValidationResult validate(DataValidationRequest request) {
        requireFiles(request);
        DataSchema schema = SchemaReader.read(Path.of(request.schema()));
        int threads = request.threadCount();
        Scanner local = (path, s) -> DatasetScan.of(Path.of(path), s, request.delimiter(), threads);
        return validate(schema, request, local);
    }

    /** Bad input when the request names no data or no schema: what any engine checks first (also a launcher of a child engine). */
    public static void requireFiles(DataValidationRequest request) {
        if (request.data() == null || request.data().isBlank()) {
            throw BadInputException.at("data", 0, "no data file given", "name the CSV or JSON Lines file to validate");
        }
        if (request.schema() == null || request.schema().isBlank()) {
            throw BadInputException.at("schema", 0, "no schema file given",
                    "name a schema file, or write one with 'mlops schema infer DATA --out schema.json'");
        }
    }

    /** Validates with another engine's scans (e.g. Spark's); the checks, drift and skew are the same code. */
    public static DataValidationResult validate(DataValidationRequest request, DataEngine engine, String cluster) {
        requireFiles(request);
        DataSchema schema = SchemaReader.read(Path.of(request.schema()));
        return validate(schema, request, (path, s) -> engine.scan(path, s, request.delimiter(), cluster));
    }

    /** How one dataset is scanned: with the schema's row-level checks, or {@code null} for reference and serving data. */
    private interface Scanner {
        DatasetScan scan(String path, DataSchema schema);
    }

    private static DataValidationResult validate(DataSchema schema, DataValidationRequest request, Scanner scanner) {
        DatasetScan data = scanner.scan(request.data(), schema);
        DatasetScan reference = request.reference() == null ? null : scanner.scan(request.reference(), null);
        DatasetScan serving = request.serving() == null ? null : scanner.scan(request.serving(), null);
        return validate(schema, data, reference, serving, request);
    }

    /** As {@link #validate(DataValidationRequest)} on scans already made (monitoring compares one scan with two others). */
    public static DataValidationResult validate(DataSchema schema, DatasetScan data, DatasetScan reference, DatasetScan serving,
                                         DataValidationRequest request) {
        List<Anomaly> anomalies = new ArrayList<>();
        List<FeatureCheck> checks = new ArrayList<>();
        Checker checker = new Checker(schema, data, anomalies, checks);
        long rows = data.rows();
        for (FeatureSchema f : schema.features()) {
            FeatureAccumulator acc = data.column(f.name());
            if (acc == null) {
                checker.check(f.name(), "present", !f.mustExist(), AnomalyKind.MISSING_FEATURE, 0, List.of(),
                        "the column is absent", "a column '" + f.name() + "'" + (f.mustExist() ? "" : " (optional)"),
                        "feature '" + f.name() + "' is missing from the data");
                continue;
            }
            checker.check(f.name(), "present", true, null, 0, null, "the column is there", "a column '" + f.name() + "'", null);
            long values = acc.present;
            LineExamples wrongType = acc.typeMismatch;
            checker.check(f.name(), "type", wrongType.count() == 0, AnomalyKind.TYPE_MISMATCH, wrongType.count(),
                    wrongType.lines(), wrongType.count() + " of " + values + " values (" + pct(wrongType.count(), values)
                            + ") are not " + f.type().json() + typeDetail(acc), "every value " + f.type().json(),
                    wrongType.count() + " value(s) of '" + f.name() + "' are not " + f.type().json());
            if (f.type().numeric() && f.domain() != null) {
                LineExamples out = acc.outOfDomain;
                checker.check(f.name(), "domain", out.count() == 0, AnomalyKind.OUT_OF_DOMAIN, out.count(), out.lines(),
                        out.count() + " values outside (observed " + range(acc) + nonFinite(acc) + ")",
                        "values in " + domain(f.domain()),
                        out.count() + " value(s) of '" + f.name() + "' outside " + domain(f.domain()));
            }
            if (!f.type().numeric() && f.values() != null) {
                LineExamples unseen = acc.unseen;
                double fraction = values == 0 ? 0 : (double) unseen.count() / values;
                boolean ok = fraction <= f.unseenTolerance();
                checker.check(f.name(), "values", ok, AnomalyKind.UNSEEN_CATEGORY, unseen.count(), unseen.lines(),
                        unseen.count() + " of " + values + " values (" + pct(unseen.count(), values) + ") not allowed"
                                + unseenValues(acc, Set.copyOf(f.values())),
                        "at most " + pct(f.unseenTolerance()) + " outside " + f.values(),
                        "'" + f.name() + "' has values outside its allowed values");
            }
            double presence = rows == 0 ? 0 : (double) values / rows;
            if (f.minPresence() > 0) {
                checker.check(f.name(), "presence", presence >= f.minPresence(), AnomalyKind.PRESENCE_BELOW_MINIMUM,
                        rows - values, List.of(), "present in " + values + " of " + rows + " rows (" + pct(presence) + ")",
                        "at least " + pct(f.minPresence()),
                        "'" + f.name() + "' is present in only " + pct(presence) + " of rows");
            }
            if (!f.nullsAllowed()) {
                LineExamples nulls = acc.missingRows;
                checker.check(f.name(), "nulls", nulls.count() == 0, AnomalyKind.MISSING_VALUES, nulls.count(),
                        nulls.lines(), nulls.count() + " empty values", "no empty values (nullable: false)",
                        "'" + f.name() + "' has empty values");
            }
        }
        Map<String, FeatureSchema> inSchema = schema.byName();
        List<String> extra = data.statistics().columns().stream().filter(c -> !inSchema.containsKey(c)).toList();
        boolean extraOk = extra.isEmpty() || Boolean.TRUE.equals(schema.allowExtraFeatures());
        checks.add(new FeatureCheck(DATASET, "columns", extraOk, extraOk ? null : schema.severityOf(AnomalyKind.UNEXPECTED_FEATURE),
                extra.isEmpty() ? "no unexpected columns" : "unexpected columns " + WideData.firstOf(extra),
                "only the schema's features"));
        if (!extraOk) {
            for (String column : extra) {
                anomalies.add(new Anomaly(AnomalyKind.UNEXPECTED_FEATURE, column, schema.severityOf(AnomalyKind.UNEXPECTED_FEATURE),
                        "a column '" + column + "'", "only the schema's features", 0, List.of(),
                        "column '" + column + "' is not in the schema"));
            }
        }
        LineExamples ragged = data.ragged();
        checker.check(DATASET, "ragged", ragged.count() == 0, AnomalyKind.RAGGED_ROW, ragged.count(), ragged.lines(),
                ragged.count() + " rows with a field count other than the header's " + data.statistics().columns().size(),
                "every row with " + data.statistics().columns().size() + " fields", ragged.count() + " ragged row(s)");
        LineExamples broken = data.unparseable();
        checker.check(DATASET, "parse", broken.count() == 0, AnomalyKind.UNPARSEABLE_ROW, broken.count(), broken.lines(),
                broken.count() + " rows that cannot be parsed", "every row parses", broken.count() + " unparseable row(s)");
        if (schema.minRows() != null) {
            checker.check(DATASET, "rows", rows >= schema.minRows(), AnomalyKind.TOO_FEW_ROWS, rows, List.of(),
                    rows + " rows", "at least " + schema.minRows() + " rows", "only " + rows + " rows");
        }
        List<Comparison> drift = compare(AnomalyKind.DRIFT, schema, data, reference, checker);
        List<Comparison> skew = compare(AnomalyKind.SKEW, schema, data, serving, checker);
        long errors = anomalies.stream().filter(a -> a.severity() == Severity.ERROR).count();
        long warnings = anomalies.size() - errors;
        boolean passed = anomalies.stream().noneMatch(a -> a.severity().atLeast(request.failOn()));
        return new DataValidationResult(passed ? "PASSED" : "FAILED", passed, request.failOn(), request.data(),
                request.schema(), rows, errors, warnings, anomalies, drift, skew, checks, data.statistics(),
                reference == null ? null : reference.statistics(), serving == null ? null : serving.statistics(), null);
    }

    private static List<Comparison> compare(AnomalyKind kind, DataSchema schema, DatasetScan data, DatasetScan other,
                                            Checker checker) {
        List<Comparison> out = new ArrayList<>();
        if (other == null) {
            return out;
        }
        String against = kind == AnomalyKind.DRIFT ? "reference" : "serving";
        for (FeatureSchema f : schema.features()) {
            FeatureAccumulator mine = data.column(f.name());
            FeatureAccumulator theirs = other.column(f.name());
            if (mine == null) {
                continue;
            }
            String check = kind == AnomalyKind.DRIFT ? "drift" : "skew";
            ComparatorSpec spec = kind == AnomalyKind.DRIFT ? f.drift() : f.skew();
            if (theirs == null) {
                checker.check(f.name(), check, spec == null, kind, 0, List.of(), "the column is absent from the " + against + " data",
                        "the column in both", "'" + f.name() + "' is missing from the " + against + " data");
                continue;
            }
            Comparison c = Comparisons.compare(kind, f.name(), f.type(), mine, theirs, spec);
            out.add(c);
            String metric = c.metric().equals(Comparison.JSD) ? "Jensen-Shannon divergence" : "L-infinity distance";
            checker.check(f.name(), check, !c.exceeded(), kind, 0, List.of(),
                    metric + " " + fmt(c.value()) + " against the " + against + " data",
                    c.threshold() == null ? "no threshold (reported only)" : "at most " + fmt(c.threshold()),
                    check + " of '" + f.name() + "': " + metric + " " + fmt(c.value())
                            + (c.threshold() == null ? "" : " > " + fmt(c.threshold())));
        }
        return out;
    }

    /** Records every check, and an anomaly for each failed one. */
    private record Checker(DataSchema schema, DatasetScan data, List<Anomaly> anomalies, List<FeatureCheck> checks) {
        void check(String feature, String name, boolean passed, AnomalyKind kind, long count, List<Long> lines,
                   String measured, String expected, String message) {
            Severity severity = passed ? null : schema.severityOf(kind);
            checks.add(new FeatureCheck(feature, name, passed, severity, measured, expected));
            if (!passed) {
                anomalies.add(new Anomaly(kind, DATASET.equals(feature) ? null : feature, severity, measured, expected,
                        count, lines, message, lines == null || lines.isEmpty() ? null : data.locations(lines)));
            }
        }
    }

    private static String typeDetail(FeatureAccumulator acc) {
        return " (" + acc.intCount + " whole numbers, " + acc.floatCount + " other numbers, " + acc.stringCount + " strings)";
    }

    private static String unseenValues(FeatureAccumulator acc, Set<String> allowed) {
        List<String> unseen = new ArrayList<>();
        for (FeatureStatistics.ValueCount v : DatasetScan.topValues(acc.items, Integer.MAX_VALUE)) {
            if (!allowed.contains(v.value()) && unseen.size() < 5) {
                unseen.add(v.value());
            }
        }
        return unseen.isEmpty() ? "" : ", e.g. " + unseen;
    }

    private static String range(FeatureAccumulator acc) {
        return acc.numCount == 0 ? "no finite values" : fmt(acc.min) + " .. " + fmt(acc.max);
    }

    private static String nonFinite(FeatureAccumulator acc) {
        long n = acc.nanCount + acc.infCount;
        return n == 0 ? "" : ", " + acc.nanCount + " NaN, " + acc.infCount + " infinite";
    }

    private static String domain(NumericDomain d) {
        return "[" + (d.min() == null ? "-inf" : fmt(d.min())) + ", " + (d.max() == null ? "+inf" : fmt(d.max())) + "]";
    }

    static String pct(long part, long total) {
        return pct(total == 0 ? 0 : (double) part / total);
    }

    static String pct(double fraction) {
        return MetricFormat.percentTwoDecimals(fraction);
    }

    static String fmt(double v) {
        return MetricFormat.wholeOrSignificant(v, 6);
    }
}
