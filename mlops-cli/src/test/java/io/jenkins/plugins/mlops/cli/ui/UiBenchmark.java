package io.jenkins.plugins.mlops.cli.ui;

import io.jenkins.plugins.mlops.cli.testing.HeadlessChromium;
import io.jenkins.plugins.mlops.core.report.ComparisonReport;
import io.jenkins.plugins.mlops.core.report.Links;
import io.jenkins.plugins.mlops.core.report.UiShell;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.By;

/**
 * benchmarks/ui/run.sh: the comparison page of a store (1,000 runs x 50 metrics there), rendered
 * in-process (cold: the first render in this JVM; warm: median of 10), served over loopback, and
 * used in headless Chromium (sort and filter timed in the page). Not a test: figures, no asserts.
 */
public final class UiBenchmark {
    public static void main(String[] args) throws Exception {
        Path storeDir = Path.of(args[0]);
        boolean browser = args.length < 2 || !args[1].equals("--no-browser");
        RunStore store = new RunStore(storeDir);
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        List<RunRecord> runs = store.list();
        long t1 = System.nanoTime();
        long c1 = threads.getCurrentThreadCpuTime();
        String html = render(runs);
        long t2 = System.nanoTime();
        long c2 = threads.getCurrentThreadCpuTime();
        System.out.printf(Locale.ROOT, "runs: %d, metrics per run: %d%n", runs.size(), runs.get(0).metrics().size());
        System.out.printf(Locale.ROOT, "read store (cold): %d ms%n", (t1 - t0) / 1_000_000);
        // wall time and this thread's CPU time: on a shared machine the second shows the work itself
        System.out.printf(Locale.ROOT, "render comparison page, cold (first in this JVM): %d ms wall, %d ms CPU   (target < 1000 ms)%n",
                (t2 - t1) / 1_000_000, (c2 - c1) / 1_000_000);
        List<Long> warm = new ArrayList<>();
        List<Long> warmCpu = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            long s = System.nanoTime();
            long c = threads.getCurrentThreadCpuTime();
            html = render(runs);
            warm.add((System.nanoTime() - s) / 1_000_000);
            warmCpu.add((threads.getCurrentThreadCpuTime() - c) / 1_000_000);
        }
        System.out.printf(Locale.ROOT, "render comparison page, warm (median of 10): %d ms wall, %d ms CPU   (target < 1000 ms)%n",
                median(warm), median(warmCpu));
        System.out.printf(Locale.ROOT, "page size: %.1f MB%n", html.length() / 1e6);
        try (UiServer server = UiServer.start("127.0.0.1", 0, store, null)) {
            HttpClient http = HttpClient.newHttpClient();
            List<Long> served = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                long s = System.nanoTime();
                http.send(HttpRequest.newBuilder(URI.create(server.url() + "compare")).build(), HttpResponse.BodyHandlers.ofString());
                served.add((System.nanoTime() - s) / 1_000_000);
            }
            System.out.printf(Locale.ROOT, "GET /compare over loopback incl. reading the store (median of 5): %d ms%n", median(served));
            if (browser) {
                browserFigures(server);
            }
        }
    }

    private static String render(List<RunRecord> runs) {
        return new UiShell("All runs", List.of(), "/static",
                ComparisonReport.of("All runs", runs).fragment(Links.ui())).toHtml();
    }

    private static void browserFigures(UiServer server) throws Exception {
        try (HeadlessChromium chromium = new HeadlessChromium(1280, 800)) {
            long s = System.nanoTime();
            chromium.driver().get(server.url() + "compare");
            long load = (System.nanoTime() - s) / 1_000_000;
            System.out.printf(Locale.ROOT, "Chromium: page loaded and scripts ready in %d ms%n", load);
            String time = "var t = performance.now(); %s; document.body.offsetHeight; return performance.now() - t;";
            List<Double> sort = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                sort.add(((Number) chromium.js(String.format(time,
                        "document.querySelector('th[data-key=metric_07] button').click()"))).doubleValue());
            }
            List<Double> filter = new ArrayList<>();
            String[] values = {"depth=4", "C=10", "team=bench", "depth=12", ""};
            for (String v : values) {
                filter.add(((Number) chromium.js(String.format(time,
                        "var f = document.getElementById('mlops-filter'); f.value = arguments[0];"
                                + " f.dispatchEvent(new Event('input'))"), v)).doubleValue());
            }
            List<Double> select = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                select.add(((Number) chromium.js(String.format(time,
                        "document.querySelectorAll('input.mlops-select')[" + i + "].click()"))).doubleValue());
            }
            System.out.printf(Locale.ROOT, "Chromium: sort 1,000 rows by a metric (median of 5): %.0f ms%n", medianD(sort));
            System.out.printf(Locale.ROOT, "Chromium: filter by param/tag incl. trend and parallel redraw (median of 5): %.0f ms%n",
                    medianD(filter));
            System.out.printf(Locale.ROOT, "Chromium: select a run, redraw the overlaid curves of 50 metrics (median of 5): %.0f ms%n",
                    medianD(select));
            System.out.printf(Locale.ROOT, "Chromium: rows in the page: %d%n",
                    chromium.driver().findElements(By.cssSelector("#mlops-compare-table tbody tr")).size());
        }
    }

    private static long median(List<Long> xs) {
        List<Long> sorted = xs.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double medianD(List<Double> xs) {
        List<Double> sorted = xs.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
