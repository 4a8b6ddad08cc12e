package io.jenkins.plugins.mlops.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.mlops.core.data.AnomalyKind;
import io.jenkins.plugins.mlops.core.data.DataValidationRequest;
import io.jenkins.plugins.mlops.core.data.DataValidationResult;
import io.jenkins.plugins.mlops.core.io.LoopbackPorts;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A real standalone Spark cluster on loopback: a master and two workers started by this test
 * from the same Spark jars as the driver (a SPARK_HOME whose jars/ links them), each worker
 * starting its own executor JVM, so partition statistics really cross process boundaries as
 * bytes. Everything started is stopped after, and the test checks that nothing is left.
 */
public class StandaloneClusterTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final List<Process> started = new ArrayList<>();

    @Test
    public void aMasterAndTwoWorkersGiveTheLocalEngineResultsAndLeaveNothingRunning() throws Exception {
        Path home = sparkHome();
        int port = LoopbackPorts.free();
        int ui = LoopbackPorts.free();
        try {
            start(home, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port,
                    "--webui-port", "" + ui);
            for (int i = 0; i < 2; i++) {
                start(home, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1", "--memory", "768m",
                        "--webui-port", "" + LoopbackPorts.free(), "--work-dir", tmp.newFolder("work" + i).toString(),
                        "spark://127.0.0.1:" + port);
            }
            awaitWorkers(ui, 2);
            SparkSession spark = SparkSession.builder().master("spark://127.0.0.1:" + port).appName("StandaloneClusterTest")
                    .config("spark.ui.enabled", "false")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.executor.memory", "512m")
                    .config("spark.cores.max", "2")
                    // the mlops classes (directories under target/) next to the linked jars
                    .config("spark.executor.extraClassPath", classDirectories())
                    .config("spark.hadoop.mapreduce.input.fileinputformat.split.maxsize", "8192")
                    .config("spark.sql.files.maxPartitionBytes", "8192")
                    .getOrCreate();
            try {
                Set<Long> executorPids = executorPids(spark);
                assertThat(executorPids).hasSize(2).doesNotContain(ProcessHandle.current().pid());
                Path example = EnginesAgreeTest.EXAMPLE;
                DataValidationResult result = EngineComparison.bothAgree(spark,
                        DataValidationRequest.of(example.resolve("data/valid.csv").toString(),
                                example.resolve("schema.json").toString())
                                .withReference(example.resolve("data/train.csv").toString())
                                .withServing(example.resolve("data/serving.csv").toString()));
                assertThat(result.rows()).isEqualTo(114);
                Path parquet = DataCopies.parquet(example.resolve("data/train.csv"), tmp.getRoot().toPath().resolve("train.parquet"));
                EngineComparison.bothAgree(spark, DataValidationRequest.of(parquet.toString(),
                        example.resolve("schema.json").toString()));
                // a directory of parts, as CSV and as Parquet: example rows named by part across processes too
                List<String> train = Files.readAllLines(example.resolve("data/train.csv"));
                Path csvParts = tmp.newFolder("csv-parts").toPath();
                Path parquetParts = tmp.newFolder("parquet-parts").toPath();
                List<String> second = new ArrayList<>(List.of(train.get(0)));
                second.addAll(train.subList(150, train.size()));
                second.set(20, "-" + second.get(20)); // out of the domain (min 0) on the second part's line 21
                List<List<String>> parts = List.of(train.subList(0, 150), second);
                for (int i = 0; i < parts.size(); i++) {
                    Path csv = Files.write(csvParts.resolve("part-0000" + i + ".csv"), parts.get(i));
                    DataCopies.parquet(csv, parquetParts.resolve("part-0000" + i + ".parquet"));
                }
                for (Path dir : List.of(csvParts, parquetParts)) {
                    DataValidationResult fromParts = EngineComparison.bothAgree(spark,
                            DataValidationRequest.of(dir.toString(), example.resolve("schema.json").toString()));
                    assertThat(fromParts.rows()).isEqualTo(train.size() - 1);
                    assertThat(fromParts.anomalies()).filteredOn(a -> a.kind() == AnomalyKind.OUT_OF_DOMAIN).singleElement()
                            .satisfies(a -> assertThat(a.exampleLocations().get(0)).startsWith("part-00001."));
                }
            } finally {
                spark.stop();
            }
        } finally {
            stopAll();
        }
        String marker = home.toString();
        List<String> left = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList();
        assertThat(left).as("processes left running").isEmpty();
    }

    /** One task per executor core, each saying which process ran it. */
    private static Set<Long> executorPids(SparkSession spark) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        return jsc.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8), 8)
                .map(i -> ProcessHandle.current().pid()).collect().stream().collect(Collectors.toSet());
    }

    /** A SPARK_HOME for the master and workers: jars/ links every jar on this test's classpath (Spark's among them). */
    private Path sparkHome() throws IOException {
        Path home = tmp.newFolder("spark-home").toPath();
        Path jars = Files.createDirectories(home.resolve("jars"));
        for (String entry : testClassPath()) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                Files.createSymbolicLink(jars.resolve(p.getFileName()), p.toAbsolutePath());
            }
        }
        return home;
    }

    private static List<String> testClassPath() {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return List.of(cp.split(File.pathSeparator));
    }

    private static String classDirectories() {
        return testClassPath().stream().filter(e -> Files.isDirectory(Path.of(e)))
                .map(e -> Path.of(e).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }

    private void start(Path home, String main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", home.resolve("jars") + File.separator + "*", main));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(tmp.newFile().toPath().toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        started.add(pb.start());
    }

    private static void awaitWorkers(int ui, int workers) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String body = "";
        while (System.nanoTime() < deadline) {
            try {
                body = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ui + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (body.replace(" ", "").contains("\"aliveworkers\":" + workers)) {
                    return;
                }
            } catch (IOException notYet) {
                // the master is still starting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the workers did not register with the master within 120 s: " + body);
    }

    /** Stops the workers (their executors first) and the master, and waits until they are gone. */
    private void stopAll() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            children.forEach(ProcessHandle::destroy);
            if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            for (ProcessHandle c : children) {
                c.onExit().orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> {
                    c.destroyForcibly();
                    return c;
                }).join();
            }
        }
    }

}
