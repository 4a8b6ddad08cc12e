package io.jenkins.plugins.mlops.core.track.ingest;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.io.CsvRows;
import io.jenkins.plugins.mlops.core.track.MetricSeries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CSV series, in wide form: a {@code step} column, an optional {@code timestamp} column (epoch
 * ms), and one column per metric, where an empty cell means "not logged at this step"; or in long
 * form, one point per row: {@code step}, {@code name} (or {@code key}, as MLflow's metric history
 * names it), {@code value} and an optional {@code timestamp}, in any order.
 */
final class CsvMetricsReader {
    private CsvMetricsReader() {
    }

    static IngestedMetrics read(Path file, long now) {
        try (CsvRows records = new CsvRows(Files.newInputStream(file), ',')) {
            if (!records.hasNext()) {
                throw BadInputException.at(file, 1, "the file is empty",
                        "write a header row such as 'step,loss,valid_auc' and one row per step");
            }
            CsvRows.Row header = records.next();
            int stepColumn = -1;
            int timeColumn = -1;
            List<String> names = new ArrayList<>();
            for (int i = 0; i < header.size(); i++) {
                String name = header.field(i).trim();
                String lowerName = name.toLowerCase(Locale.ROOT);
                if ((lowerName.equals("step") && stepColumn >= 0) || (lowerName.equals("timestamp") && timeColumn >= 0)) {
                    throw BadInputException.at(file, 1, "column '" + name + "' appears twice", "keep one '" + lowerName + "' column");
                }
                switch (lowerName) {
                    case "step" -> stepColumn = i;
                    case "timestamp" -> timeColumn = i;
                    default -> MetricValues.validKey(name, file, 1);
                }
                names.add(name);
            }
            if (stepColumn < 0) {
                throw BadInputException.at(file, 1, "the header has no 'step' column (found: "
                        + abbreviate(String.join(",", names)) + ")", "add a 'step' column as the first column");
            }
            List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
            int nameColumn = lower.contains("name") ? lower.indexOf("name") : lower.indexOf("key");
            int valueColumn = lower.indexOf("value");
            if (nameColumn >= 0 && valueColumn >= 0 && names.size() == 3 + (timeColumn >= 0 ? 1 : 0)) {
                return longForm(file, records, names.size(), stepColumn, timeColumn, nameColumn, valueColumn, now);
            }
            if (names.size() < 2 + (timeColumn >= 0 ? 1 : 0)) {
                throw BadInputException.at(file, 1, "the header names no metric column",
                        "add one column per metric after 'step'");
            }
            SeriesBuilder[] builders = new SeriesBuilder[names.size()];
            Map<String, SeriesBuilder> series = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (i != stepColumn && i != timeColumn) {
                    if (series.containsKey(names.get(i))) {
                        throw BadInputException.at(file, 1, "column '" + names.get(i) + "' appears twice",
                                "give every metric column a distinct name");
                    }
                    builders[i] = new SeriesBuilder(names.get(i));
                    series.put(names.get(i), builders[i]);
                }
            }
            while (records.hasNext()) {
                CsvRows.Row row = records.next();
                long line = row.line();
                if (row.size() != names.size()) {
                    throw BadInputException.at(file, line, "the row has " + row.size()
                            + " fields, the header " + names.size(), "give every row one field per header column");
                }
                long step = wholeNumber(row.field(stepColumn), "step", file, line);
                long timestamp = timeColumn < 0 ? now : wholeNumber(row.field(timeColumn), "timestamp", file, line);
                for (int i = 0; i < builders.length; i++) {
                    if (builders[i] == null) {
                        continue;
                    }
                    String cell = row.field(i);
                    if (cell.isEmpty()) {
                        continue;
                    }
                    builders[i].add(step, MetricValues.finite(number(cell, "column '" + names.get(i) + "'", file, line), file, line,
                            names.get(i)), timestamp);
                }
            }
            Map<String, MetricSeries> metrics = new LinkedHashMap<>();
            series.forEach((key, builder) -> metrics.put(key, builder.build()));
            return IngestedMetrics.of(metrics);
        } catch (CsvRows.Malformed e) {
            throw BadInputException.at(file, e.line(), "not a readable CSV file: " + e.getMessage(),
                    "write a CSV with a header row 'step,metric,...'");
        } catch (UncheckedIOException e) {
            throw BadInputException.at(file, 0, "not a readable CSV file: " + e.getMessage(),
                    "write a CSV with a header row 'step,metric,...' in UTF-8");
        } catch (IOException e) {
            throw BadInputException.at(file, 0, "cannot read: " + e.getMessage(), "check the path");
        }
    }

    /** One point per row: step, name, value (and timestamp); series in the order their names first appear. */
    private static IngestedMetrics longForm(Path file, Iterator<CsvRows.Row> records, int width, int stepColumn, int timeColumn,
                                            int nameColumn, int valueColumn, long now) {
        Map<String, SeriesBuilder> series = new LinkedHashMap<>();
        while (records.hasNext()) {
            CsvRows.Row row = records.next();
            long line = row.line();
            if (row.size() != width) {
                throw BadInputException.at(file, line, "the row has " + row.size() + " fields, the header " + width,
                        "give every row one field per header column");
            }
            String name = row.field(nameColumn).trim();
            MetricValues.validKey(name, file, line);
            String cell = row.field(valueColumn);
            if (cell.isBlank()) {
                throw BadInputException.at(file, line, "metric '" + abbreviate(name) + "' has no value",
                        "give each row a value, or leave the row out when nothing was logged");
            }
            long step = wholeNumber(row.field(stepColumn), "step", file, line);
            long timestamp = timeColumn < 0 ? now : wholeNumber(row.field(timeColumn), "timestamp", file, line);
            double value = MetricValues.finite(number(cell, "metric '" + abbreviate(name) + "'", file, line), file, line, name);
            series.computeIfAbsent(name, SeriesBuilder::new).add(step, value, timestamp);
        }
        if (series.isEmpty()) {
            throw BadInputException.at(file, 1, "the header has no rows under it", "write one row per logged point");
        }
        Map<String, MetricSeries> metrics = new LinkedHashMap<>();
        series.forEach((key, builder) -> metrics.put(key, builder.build()));
        return IngestedMetrics.of(metrics);
    }

    /** {@code what}: how the message names the cell, e.g. "column 'loss'". */
    private static double number(String cell, String what, Path file, long line) {
        try {
            return JavaDoubleParser.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw BadInputException.at(file, line, what + " holds '" + abbreviate(cell)
                    + "', not a number", "write numbers, or leave the cell empty when not logged");
        }
    }

    private static long wholeNumber(String cell, String column, Path file, long line) {
        try {
            return Long.parseLong(cell.trim());
        } catch (NumberFormatException e) {
            throw BadInputException.at(file, line, "'" + column + "' is '" + abbreviate(cell)
                    + "', not a whole number", "write " + column + " as an integer");
        }
    }

    static String abbreviate(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 60 ? clean : clean.substring(0, 57) + "...";
    }
}
