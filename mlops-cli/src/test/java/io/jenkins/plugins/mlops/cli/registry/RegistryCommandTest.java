package io.jenkins.plugins.mlops.cli.registry;

import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.blessing;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.hash;
import static io.jenkins.plugins.mlops.core.registry.RegistryFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.mlops.cli.MlopsCommand;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code mlops publish} and {@code mlops registry ...} as a user runs them. */
public class RegistryCommandTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private Path store;
    private Path model;

    record Outcome(int exit, String out, String err) {
        JsonNode json() throws Exception {
            return Json.mapper().readTree(out);
        }
    }

    private Outcome mlops(String... args) {
        return mlopsAs("alice", args);
    }

    private Outcome mlopsAs(String user, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        if (args.length > 0 && (args[0].equals("publish") || args[0].equals("registry"))) {
            all.add("--store");
            all.add(store.toString());
            all.add("--user");
            all.add(user);
        }
        int code = MlopsCommand.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Before
    public void setUp() throws Exception {
        store = tmp.newFolder("store").toPath();
        model = tmp.newFolder("model").toPath().resolve("model.pkl");
        Files.writeString(model, "weights");
        RunStore runs = new RunStore(store);
        runs.create(run("20261126-100000-aaaaaa", hash('a'), hash('s'), 0.80));
        runs.create(run("20261126-110000-bbbbbb", hash('b'), hash('s'), 0.90, blessing(true)));
    }

    @Test
    public void publishRecordsTheVersionInTheRegistryAndAsStagePublishInTheRun() throws Exception {
        Outcome first = mlops("publish", "churn", model.toString(), "--run", "20261126-100000-aaaaaa", "--json");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.json().get("version").asText()).isEqualTo("1.0.0");
        assertThat(new RunStore(store).read("20261126-100000-aaaaaa").stages()).containsKey("publish");
        Files.writeString(model, "weights 2");
        Outcome second = mlops("publish", "churn", model.toString(), "--json"); // latest run: bbbbbb
        assertThat(second.json().get("version").asText()).isEqualTo("1.0.1");
        assertThat(second.json().at("/lineage/sourceRun").asText()).isEqualTo("20261126-110000-bbbbbb");
        assertThat(Files.isDirectory(store.resolve("registry/meta.git"))).isTrue();

        assertThat(mlops("registry", "list", "--json").json().get(0).get("versions").asInt()).isEqualTo(2);
        assertThat(mlops("registry", "show", "churn", "--json").json().get("versions")).hasSize(2);
        assertThat(mlops("registry", "show", "churn", "1.0.1", "--json").json().at("/lineage/ciUrl").asText())
                .contains("train-churn");
        JsonNode lineage = mlops("registry", "lineage", "churn", "1.0.1", "--json").json();
        assertThat(lineage.get("nodes").toString()).contains("version:1.0.0", "run:20261126-110000-bbbbbb");
        JsonNode uses = mlops("registry", "lineage", "--dataset", hash('a'), "--json").json();
        assertThat(uses).hasSize(1);
        assertThat(uses.get(0).get("version").asText()).isEqualTo("1.0.0");
        JsonNode diff = mlops("registry", "diff", "churn", "1.0.0", "1.0.1", "--json").json();
        assertThat(diff.at("/metrics/0/delta").asDouble()).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-9));
        Path out = tmp.newFolder("dl").toPath();
        Outcome dl = mlops("registry", "download", "churn", "1.0.0", "--to", out.toString(), "--json");
        assertThat(dl.exit()).as(dl.err()).isZero();
        assertThat(Files.readString(out.resolve("model.pkl"))).isEqualTo("weights");
    }

    @Test
    public void stageRefusesAnUnblessedVersionWithTheReasonAndExitOne() throws Exception {
        mlops("publish", "churn", model.toString(), "--run", "20261126-100000-aaaaaa");
        Outcome refused = mlops("registry", "stage", "churn", "1.0.0", "staging");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("REFUSED").contains("requires a blessed version").contains("NOT RUN");
        Outcome json = mlops("registry", "stage", "churn", "1.0.0", "staging", "--json");
        assertThat(json.json().get("verdict").asText()).isEqualTo("REFUSED");
        assertThat(mlops("registry", "policy", "staging", "--json").exit()).isZero();
        Outcome now = mlops("registry", "stage", "churn", "1.0.0", "staging", "--json");
        assertThat(now.exit()).isZero();
        assertThat(now.json().get("tag").asText()).isEqualTo("churn#staging#1");
        Outcome off = mlops("registry", "stage", "churn", "staging", "--unassign", "--json");
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(off.json().get("tag").asText()).isEqualTo("churn#staging!#2");
    }

    @Test
    public void downloadOfATamperedBlobFailsWithExitThreeAndAClearMessage() throws Exception {
        JsonNode r = mlops("publish", "churn", model.toString(), "--no-run", "--json").json();
        String sha = r.at("/files/0/sha256").asText();
        Path blob = store.resolve("registry/blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha);
        Files.writeString(blob, "evil");
        Outcome dl = mlops("registry", "download", "churn", "1.0.0", "--to", tmp.newFolder("dl").toPath().toString());
        assertThat(dl.exit()).isEqualTo(3);
        assertThat(dl.err()).contains("was altered").contains(sha).contains("refusing");
    }

    @Test
    public void verifyExitsZeroWhenCleanOneWithTheProblemAndItsFixAndRepairPutsADamagedBlobBackFromTheModelFile()
            throws Exception {
        JsonNode r = mlops("publish", "churn", model.toString(), "--no-run", "--json").json();
        Outcome clean = mlops("registry", "verify");
        assertThat(clean.exit()).as(clean.err()).isZero();
        assertThat(clean.out()).contains("checked 1 model(s), 1 version(s), 1 tag(s), 1 blob(s)", "OK:");

        String sha = r.at("/files/0/sha256").asText();
        Path blob = store.resolve("registry/blobs/sha256").resolve(sha.substring(0, 2)).resolve(sha);
        Files.writeString(blob, "wEights");
        Outcome damaged = mlops("registry", "verify");
        assertThat(damaged.exit()).isEqualTo(1);
        assertThat(damaged.out()).contains("PROBLEM  blob " + sha + " (churn 1.0.0 file model.pkl) was altered",
                "Fix: put the original file back with 'mlops registry verify --repair --from DIR'", "1 problem(s)");
        JsonNode json = mlops("registry", "verify", "--json").json();
        assertThat(json.at("/problems/0/kind").asText()).isEqualTo("corrupt-blob");
        assertThat(json.at("/problems/0/repairable").asBoolean()).isFalse();

        Outcome fromAlone = mlops("registry", "verify", "--from", model.getParent().toString());
        assertThat(fromAlone.exit()).isEqualTo(2);
        assertThat(fromAlone.err()).contains("--from", "Fix: add --repair");
        Outcome repaired = mlops("registry", "verify", "--repair", "--from", model.getParent().toString());
        assertThat(repaired.exit()).as(repaired.out() + repaired.err()).isZero();
        assertThat(repaired.out()).contains("REPAIRED restored blob " + sha + " from " + model, "OK:");
        assertThat(Files.readString(blob)).isEqualTo("weights");

        Path part = store.resolve("registry/blobs/tmp/left-by-a-kill.part");
        Files.writeString(part, "half a model");
        assertThat(mlops("registry", "verify").out()).contains("reclaimable with 'mlops registry gc': 0 blob(s) no "
                + "version names (0.0 MB), 1 file(s) of unfinished publishes");
        Outcome gc = mlops("registry", "gc");
        assertThat(gc.exit()).as(gc.err()).isZero();
        assertThat(gc.out()).contains("removed " + part, "removed 0 blob(s) no version names (0.0 MB) and 1 file(s) "
                + "of unfinished publishes");
        assertThat(part).doesNotExist();
        assertThat(blob).exists();
    }

    @Test
    public void badInputExitsTwoWithAFix() throws Exception {
        Outcome bad = mlops("publish", "<script>alert(1)</script>", model.toString(), "--no-run");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("Fix:");
        Outcome missing = mlops("registry", "show", "nope");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no model 'nope'");
    }

    /** Every blob file and every commit of the registry: what "nothing written" is checked against. */
    private List<String> written() throws Exception {
        List<String> all = new ArrayList<>();
        Path blobs = store.resolve("registry/blobs");
        if (Files.isDirectory(blobs)) {
            try (var walk = Files.walk(blobs)) {
                walk.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals("gc.lock"))
                        .forEach(f -> all.add(store.relativize(f).toString()));
            }
        }
        Path git = store.resolve("registry/meta.git");
        String commits = !Files.isDirectory(git) ? "" : io.jenkins.plugins.mlops.core.registry.RegistryFixtures.git(git,
                "log", "--format=%H", "--all").output().trim();
        if (!commits.isEmpty()) { // an empty repository (made on opening) holds nothing
            all.add("commits: " + commits.replace('\n', ' '));
        }
        return all;
    }

    private void assertRefused(Outcome o, String... messageParts) {
        assertThat(o.exit()).as(o.err()).isEqualTo(2);
        assertThat(o.err()).contains(messageParts).contains("Fix:").doesNotContain("Exception");
    }

    @Test
    public void downloadToAFileOrThroughNameDotDotIsRefusedWithExitTwoAndMakesNothing() throws Exception {
        mlops("publish", "churn", model.toString(), "--no-run");
        Path file = tmp.newFile("a-file").toPath();
        assertRefused(mlops("registry", "download", "churn", "1.0.0", "--to", file.toString()),
                "--to: '" + file + "' is a file, not a directory", "give a directory to download into");
        assertRefused(mlops("registry", "download", "churn", "1.0.0", "--to", file.resolve("sub").toString()),
                "--to: '" + file.resolve("sub") + "' cannot be made: " + file + " is a file");
        assertThat(Files.readString(file)).isEmpty();
        Path base = tmp.newFolder("here").toPath();
        Path twisted = base.resolve("out/../../x");
        assertRefused(mlops("registry", "download", "churn", "1.0.0", "--to", twisted.toString()),
                "--to: '" + twisted + "' goes into 'out' and back out with '..'",
                "write the directory without it: " + twisted.normalize());
        assertThat(base.resolve("out")).doesNotExist();
        assertThat(twisted.normalize()).doesNotExist();
    }

    @Test
    public void publishToAGopherUrlIsRefusedWithExitTwoAndMakesNoRegistryCache() {
        assertRefused(mlops("publish", "churn", model.toString(), "--no-run", "--registry", "gopher://x/y"),
                "registry: 'gopher://x/y' is a gopher:// URL, which Git cannot fetch from",
                "give a directory, or a Git URL starting with https://, ssh://, git:// or file://");
        assertThat(store.resolve("registry-cache")).doesNotExist();
    }

    @Test
    public void aNegativeApprovalCountIsRefusedWithExitTwoAndChangesNoPolicy() throws Exception {
        mlops("publish", "churn", model.toString(), "--no-run");
        List<String> before = written();
        assertRefused(mlops("registry", "policy", "staging", "--approvals", "-1"),
                "approvals: -1 is negative", "give the number of approvals a change needs: 0 or more");
        assertThat(written()).isEqualTo(before);
        assertThat(mlops("registry", "policy", "--json").json().at("/policies/staging/approvalsRequired").asInt())
                .isZero();
    }

    @Test
    public void anEmptyVersionAndVersionsSpelledWithAVOrLeadingZerosAreRefusedNotReadAsOneZeroZero() throws Exception {
        mlops("publish", "churn", model.toString(), "--no-run");
        List<String> before = written();
        Files.writeString(model, "weights 2");
        assertRefused(mlops("publish", "churn", model.toString(), "--no-run", "--version", ""),
                "--version: is empty", "leave --version out to have one proposed");
        assertRefused(mlops("publish", "churn", model.toString(), "--no-run", "--parent", ""), "--parent: is empty");
        assertRefused(mlops("publish", "churn", model.toString(), "--no-run", "--version", "01.0.0"),
                "version: '01.0.0' is not written as a version is", "write 1.0.0 (no 'v' and no leading zeros");
        assertRefused(mlops("publish", "churn", model.toString(), "--no-run", "--version", "v2.0.0"),
                "version: 'v2.0.0' is not written as a version is", "write 2.0.0");
        assertRefused(mlops("publish", "churn", model.toString(), "--no-run", "--parent", "v1.0.0"),
                "'v1.0.0' is not written as a version is");
        assertRefused(mlops("registry", "show", "churn", "01.0.0"), "write 1.0.0");
        assertThat(written()).isEqualTo(before);
    }

    @Test
    public void aUserNameWithALineBreakIsRefusedAndCannotForgeATrailerInTheCommitMessage() throws Exception {
        assertRefused(mlopsAs("eve\nSigned-off-by: Mallory <m@example.com>", "publish", "churn", model.toString(),
                "--no-run"), "user: 'eve\\nSigned-off-by: Mallory <m@example.com>' contains a line break",
                "give the user name on one line");
        assertThat(written()).isEmpty();
        mlops("publish", "churn", model.toString(), "--no-run");
        assertRefused(mlopsAs("eve\rx", "registry", "policy", "staging", "--approvals", "1"), "user: 'eve\\rx'");
        String log = io.jenkins.plugins.mlops.core.registry.RegistryFixtures.git(store.resolve("registry/meta.git"),
                "log", "--format=%B", "main").output();
        assertThat(log).doesNotContain("Signed-off-by").contains("by: alice");
    }

    @Test
    public void threePublishesFromOneRunAreAllKeptInItsPublishStageNotOnlyTheLast() throws Exception {
        String run = "20261126-110000-bbbbbb";
        Path other = tmp.newFolder("other").toPath().resolve("model.pkl");
        Files.writeString(other, "other weights");
        assertThat(mlops("publish", "churn", model.toString(), "--run", run).exit()).isZero();
        assertThat(mlops("publish", "fraud", other.toString(), "--run", run).exit()).isZero();
        Files.writeString(model, "weights 2");
        assertThat(mlops("publish", "churn", model.toString(), "--run", run).exit()).isZero();

        var stage = new RunStore(store).read(run).stages().get("publish");
        assertThat(stage.details().path("model").asText()).isEqualTo("churn");
        assertThat(stage.details().path("version").asText()).isEqualTo("1.0.1");
        assertThat(stage.details().path("earlierInRun").toString())
                .contains("\"model\":\"churn\",\"version\":\"1.0.0\"", "\"model\":\"fraud\",\"version\":\"1.0.0\"");
        assertThat(stage.summary()).contains("churn 1.0.1 published", "published earlier in this run: churn 1.0.0, fraud 1.0.0");
    }

    @Test
    public void runAndNoRunTogetherAreRefusedBeforeAnythingIsPublished() throws Exception {
        assertRefused(mlops("publish", "churn", model.toString(), "--run", "20261126-110000-bbbbbb", "--no-run"),
                "--run 20261126-110000-bbbbbb", "--no-run says publish without one", "give one of them");
        assertThat(written()).isEmpty();
    }

    @Test
    public void aReasonOrApproverWithALineBreakIsRefusedAndCannotForgeATrailerInTheCommitMessage() throws Exception {
        mlops("publish", "churn", model.toString(), "--no-run");
        String before = io.jenkins.plugins.mlops.core.registry.RegistryFixtures.git(store.resolve("registry/meta.git"),
                "log", "--format=%H", "--all").output();
        assertRefused(mlops("registry", "stage", "churn", "1.0.0", "staging", "--reason",
                "ok\nSigned-off-by: Mallory <m@example.com>"), "reason: 'ok\\nSigned-off-by", "give the reason on one line");
        assertRefused(mlops("registry", "stage", "churn", "1.0.0", "staging", "--approved-by",
                "bob\nSigned-off-by: Mallory <m@example.com>"), "approved-by: 'bob\\nSigned-off-by",
                "give the approver's name on one line");
        String after = io.jenkins.plugins.mlops.core.registry.RegistryFixtures.git(store.resolve("registry/meta.git"),
                "log", "--format=%H", "--all").output();
        assertThat(after).isEqualTo(before);
    }

    @Test
    public void htmlSectionHasVersionsStageBadgesLineageSvgAndDiffEscaped() throws Exception {
        mlops("publish", "churn", model.toString(), "--run", "20261126-110000-bbbbbb");
        Files.writeString(model, "weights 2");
        mlops("publish", "churn", model.toString(), "--run", "20261126-110000-bbbbbb", "--message", "<script>x</script>");
        mlops("registry", "stage", "churn", "1.0.0", "staging", "--reason", "<img src=x onerror=alert(1)>");
        Path html = tmp.getRoot().toPath().resolve("registry.html");
        Outcome o = mlops("registry", "html", "churn", "--diff", "1.0.0", "1.0.1", "--out", html.toString());
        assertThat(o.exit()).as(o.err()).isZero();
        String page = Files.readString(html);
        assertThat(page).contains("<svg", "version:1.0.1".isEmpty() ? "" : "churn 1.0.1", "<span class=\"mlops-stage-badge\" data-stage=\"staging\">staging</span>",
                "BLESSED", "&lt;img src=x onerror=alert(1)&gt;");
        assertThat(page).doesNotContain("<img src=x");
    }
}
