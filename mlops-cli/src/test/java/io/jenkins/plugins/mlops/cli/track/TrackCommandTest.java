package io.jenkins.plugins.mlops.cli.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.cli.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TrackCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path ws;
    private String store;

    @Before
    public void workspace() throws IOException {
        ws = tmp.newFolder("ws").toPath();
        store = ws.resolve(".mlops").toString();
        Files.writeString(ws.resolve("a.jsonl"), "{\"step\": 1, \"name\": \"valid_auc\", \"value\": 0.61}\n"
                + "{\"step\": 2, \"name\": \"valid_auc\", \"value\": 0.72}\n{\"step\": 3, \"name\": \"valid_auc\", \"value\": 0.74}\n");
        Files.writeString(ws.resolve("b.csv"), "step,valid_auc\n1,0.65\n2,0.70\n3,0.78\n4,0.81\n");
    }

    private CliRun track(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "track";
        all[1] = "--store";
        all[2] = store;
        all[3] = "--workspace";
        all[4] = ws.toString();
        System.arraycopy(args, 0, all, 5, args.length);
        return CliRun.of(all);
    }

    @Test
    public void trackingTwoRunsThenComparingMarksDifferencesAndDrawsBothCurves() throws IOException {
        CliRun a = track("-n", "baseline", "-p", "C=1.0", "-p", "seed=7", "-m", "a.jsonl");
        CliRun b = track("-n", "stronger", "-p", "C=0.1", "-p", "seed=7", "-m", "b.csv");
        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(a.out().strip()).matches("\\d{8}-\\d{6}-[0-9a-f]{6}"); // track prints the new run id

        Path html = ws.resolve("compare.html");
        CliRun compare = CliRun.of("runs", "compare", "--store", store, "--html", html.toString(), "--json",
                ws.resolve("compare.json").toString());
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        assertThat(compare.out().strip()).isEqualTo(html.toAbsolutePath().normalize().toString());

        Document doc = Jsoup.parse(html.toFile());
        Element cHeader = doc.selectFirst("th[data-kind=param][data-key=C]");
        assertThat(cHeader.hasClass("mlops-differs")).isTrue();
        // a param the same in every run is listed once under the constant columns, not in the table
        assertThat(doc.selectFirst("th[data-kind=param][data-key=seed]")).isNull();
        assertThat(doc.select("details#mlops-constant tbody th").eachText()).contains("seed");
        assertThat(doc.selectFirst("th[data-kind=metric][data-key=valid_auc]").hasClass("mlops-differs")).isTrue();
        // every value shown equals its input
        assertThat(doc.select("tbody tr").eachAttr("data-run")).hasSize(2);
        assertThat(doc.select("tbody td").eachText()).contains("1.0", "0.1", "7", "0.74", "0.81");
        // a curve's cell shows its latest value; its exact value, min and max are on hover
        assertThat(doc.select("tbody td[title]").eachAttr("title")).anyMatch(t -> t.contains("0.61"))
                .anyMatch(t -> t.contains("0.65"));
        // one chart for valid_auc, one line per run, with the right number of points
        Element chart = doc.selectFirst("figure.mlops-chart");
        assertThat(chart.select("polyline")).hasSize(2);
        assertThat(chart.select("polyline").get(0).attr("points").split(" ")).hasSize(3);
        assertThat(chart.select("polyline").get(1).attr("points").split(" ")).hasSize(4);
        assertThat(chart.select(".mlops-legend li").eachText()).containsExactly("baseline", "stronger");
        assertThat(Files.readString(ws.resolve("compare.json"))).contains("\"differs\" : true");
    }

    @Test
    public void malformedMetricsExitTwoNameFileAndLineAndWriteNoRun() throws IOException {
        Files.writeString(ws.resolve("bad.json"), "{\"auc\": 0.7,\n\"loss\": }");
        Files.writeString(ws.resolve("nan.json"), "{\"auc\": \"NaN\"}");
        Files.writeString(ws.resolve("nostep.csv"), "epoch,loss\n1,0.3\n");
        Files.writeString(ws.resolve("empty.jsonl"), "");
        for (String[] bad : new String[][] {{"bad.json", "bad.json:2"}, {"nan.json", "nan.json:1"},
            {"nostep.csv", "nostep.csv:1"}, {"empty.jsonl", "empty.jsonl:1"}}) {
            CliRun run = track("-m", "a.jsonl", "-m", bad[0]);
            assertThat(run.exitCode()).as(bad[0]).isEqualTo(2);
            assertThat(run.err()).as(bad[0]).contains(bad[1]).contains("Fix:").doesNotContain("Exception");
        }
        assertThat(runDirs()).isEmpty();
    }

    @Test
    public void pathsOutsideTheWorkspaceExitTwo() throws IOException {
        Path outside = tmp.newFile("outside.txt").toPath();
        Files.createSymbolicLink(ws.resolve("out-link"), outside);
        for (String bad : new String[] {"../outside.txt", outside.toString(), "out-link"}) {
            CliRun art = track("-a", bad);
            assertThat(art.exitCode()).as(bad).isEqualTo(2);
            assertThat(art.err()).contains("artifact");
            CliRun data = track("-d", "train=" + bad);
            assertThat(data.exitCode()).as(bad).isEqualTo(2);
            assertThat(data.err()).contains("dataset 'train'");
        }
        assertThat(runDirs()).isEmpty();
    }

    @Test
    public void usageErrorsExitTwoAndVersionAndHelpExitZero() {
        assertThat(CliRun.of("track", "--no-such-flag").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("track", "-p", "novalue", "--store", store).exitCode()).isEqualTo(2);
        assertThat(CliRun.of("--version").exitCode()).isZero();
        CliRun help = CliRun.of("track", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--metrics").contains("Exit codes");
        assertThat(CliRun.of("runs", "show", "nope", "--store", store).exitCode()).isEqualTo(2);
    }

    @Test
    public void runsListAndCompareSearchLikeMlflowAndABadFilterIsExit2WithItsPosition() throws IOException {
        String baseline = track("-n", "baseline", "-p", "C=1.0", "-t", "team=ml-core", "-m", "a.jsonl").out().strip();
        String stronger = track("-n", "stronger", "-p", "C=0.1", "-t", "team=data", "-m", "b.csv").out().strip();
        String untested = track("-n", "untested", "-p", "C=10").out().strip();

        CliRun best = CliRun.of("runs", "list", "--store", store, "--filter", "metrics.valid_auc > 0.7",
                "--order-by", "metrics.valid_auc DESC");
        assertThat(best.exitCode()).as(best.err()).isZero();
        assertThat(best.out()).doesNotContain(untested); // no valid_auc: a condition on it never matches
        assertThat(best.out().indexOf(stronger)).isPositive().isLessThan(best.out().indexOf(baseline)); // 0.81 before 0.74

        CliRun team = CliRun.of("runs", "list", "--store", store, "--filter", "params.C = '1.0' and tags.team LIKE 'ml-%'");
        assertThat(team.out()).contains(baseline).doesNotContain(stronger).doesNotContain(untested);

        Path json = ws.resolve("filtered.json");
        CliRun compare = CliRun.of("runs", "compare", "--store", store, "--filter", "attributes.name != 'untested'",
                "--json", json.toString());
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        assertThat(Files.readString(json)).contains(baseline, stronger).doesNotContain(untested);

        Path never = ws.resolve("never.html");
        CliRun bad = CliRun.of("runs", "compare", "--store", store, "--filter", "metrics.valid_auc > high", "--html",
                never.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--filter 'metrics.valid_auc > high', at character 21: expected a number");
        assertThat(never).doesNotExist();
    }

    @Test
    public void runsListAndShowPrintWhatWasTracked() {
        String id = track("-e", "bc", "-n", "first", "-p", "C=1", "-m", "a.jsonl").out().strip();
        CliRun list = CliRun.of("runs", "list", "--store", store);
        assertThat(list.out()).contains(id).contains("first").contains("bc");
        CliRun show = CliRun.of("runs", "show", id.substring(0, 18), "--store", store);
        assertThat(show.out()).contains("valid_auc = 0.74").contains("3 points, min 0.61, max 0.74").contains("C = 1");
        CliRun json = CliRun.of("runs", "show", id, "--store", store, "--json");
        assertThat(json.out()).contains("\"schemaVersion\" : 1");
    }

    @Test
    public void aTensorBoardLogDirectoryIsTrackedAsOneCurvePerRunAndTagWithItsHparamsAsParams() throws Exception {
        writeTensorBoardLogs(ws.resolve("logs"), 40);
        CliRun run = track("-n", "tb", "-m", "logs/", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("warning");
        CliRun show = CliRun.of("runs", "show", "--store", store, runDirs().get(0).getFileName().toString());
        assertThat(show.out()).contains("train/loss", "train/accuracy", "validation/loss", "40 points")
                .contains("lr = 0.001", "batch_size = 32", "optimizer = adam");
    }

    @Test
    public void aTensorBoardFileStillBeingWrittenIsTrackedWithAWarningAndABadChecksumExitsTwoWritingNothing()
            throws Exception {
        Path logs = ws.resolve("logs");
        writeTensorBoardLogs(logs, 40);
        Path train = logs.resolve("train/events.out.tfevents.1700000000.host.1.0");
        byte[] whole = Files.readAllBytes(train);
        Files.write(train, java.util.Arrays.copyOf(whole, whole.length - 3)); // the writer is mid-record
        CliRun partial = track("-m", "logs");
        assertThat(partial.exitCode()).as(partial.err()).isZero();
        assertThat(partial.err()).startsWith("warning: ").contains(train.toString(), "partial record at byte offset");
        assertThat(runDirs()).hasSize(1);

        byte[] damaged = whole.clone();
        damaged[whole.length / 2] ^= 0x10;
        Files.write(train, damaged);
        CliRun bad = track("-m", "logs");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains(train.toString(), "damaged at byte offset", "Fix:").doesNotContain("Exception");
        assertThat(runDirs()).hasSize(1);
    }

    /** Event files from the independent Python writer of mlops-core's tests (standard library only). */
    private static void writeTensorBoardLogs(Path logs, int points) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        String writer = "mlops-core/src/test/resources/track/tensorboard/write_events.py";
        while (root != null && !Files.isRegularFile(root.resolve(writer))) {
            root = root.getParent();
        }
        Process p = new ProcessBuilder("python3", root.resolve(writer).toString(), logs.toString(), String.valueOf(points))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
    }

    private java.util.List<Path> runDirs() throws IOException {
        Path runs = ws.resolve(".mlops/runs");
        if (!Files.isDirectory(runs)) {
            return java.util.List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.toList();
        }
    }
}
