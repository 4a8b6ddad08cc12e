package io.jenkins.plugins.mlops.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.io.FileTrees;
import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.io.Json;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import io.jenkins.plugins.mlops.core.registry.event.EventKinds;
import io.jenkins.plugins.mlops.core.registry.event.EventLog;
import io.jenkins.plugins.mlops.core.registry.event.RegistryEvent;
import io.jenkins.plugins.mlops.core.track.DatasetRef;
import io.jenkins.plugins.mlops.core.track.RunRecord;
import io.jenkins.plugins.mlops.core.track.StageResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * The model registry facade: publish versions with lineage, move stages under policies, and
 * answer list, lineage, dataset and diff queries. Metadata lives in a Git repository (see
 * {@link MetaRepo}), model files in a {@link BlobStore}. Safe to use from many threads and
 * processes at once: every change is written as blobs first, then one metadata commit by
 * compare-and-swap, retried from a fresh read when someone else changed the registry first.
 *
 * <p>Layout of the metadata tree: {@code registry.json} (stage policies), and per model
 * {@code models/NAME/index.json} (every version's summary), {@code models/NAME/versions/V.json}
 * (full record, immutable) and {@code models/NAME/stages.json} (stage history); and the event log
 * {@code events/*.jsonl} ({@link EventLog}), appended in the same commit as each change, so a
 * change and its event are one compare-and-swap: a crash leaves both or neither.
 */
public final class Registry implements AutoCloseable {
    public static final String ENV_REGISTRY = "MLOPS_REGISTRY";
    public static final String ENV_BLOBS = "MLOPS_REGISTRY_BLOBS";
    static final int MAX_ATTEMPTS = 200;

    private final MetaRepo meta;
    private final BlobStore blobs;
    private final String location;
    /** Test hook: runs after a change is prepared and before its compare-and-swap. */
    private volatile Runnable beforeCommit = () -> { };

    private Registry(MetaRepo meta, BlobStore blobs, String location) {
        this.meta = meta;
        this.blobs = blobs;
        this.location = location;
    }

    /** A registry in a local directory: {@code ROOT/meta.git} (metadata) and {@code ROOT/blobs}. */
    public static Registry openLocal(Path root) {
        Path abs = root.toAbsolutePath().normalize();
        return new Registry(MetaRepo.open(abs.resolve("meta.git"), null, null), new BlobStore(abs.resolve("blobs")),
                abs.toString());
    }

    /**
     * A registry shared through a Git remote. {@code cacheRoot} holds this machine's copy of the
     * metadata; {@code blobsDir} is the blob store, which must be a directory every user of the
     * registry reaches (a shared mount) for downloads to work elsewhere.
     */
    public static Registry openRemote(String url, Path cacheRoot, Path blobsDir, CredentialsProvider credentials) {
        checkGitUrl(url); // before the cache directory is made for it
        Path cache = cacheRoot.toAbsolutePath().normalize();
        Registry registry = new Registry(MetaRepo.open(cache.resolve("meta.git"), url, credentials),
                new BlobStore(blobsDir.toAbsolutePath().normalize()), url);
        registry.pull();
        return registry;
    }

    /**
     * Opens what the user named: a Git URL (remote) or a directory; {@code null} means
     * {@code STORE/registry}. A remote's metadata cache is kept under {@code STORE/registry-cache}.
     */
    public static Registry open(String registry, Path store, Path blobsDir) {
        if (registry == null || registry.isBlank()) {
            return openLocal(store.resolve("registry"));
        }
        if (isRemote(registry)) {
            Path cache = store.resolve("registry-cache").resolve(Hashing.shortHash(Hashing.sha256(registry)));
            return openRemote(registry, cache, blobsDir != null ? blobsDir : cache.resolve("blobs"), null);
        }
        return openLocal(Path.of(registry));
    }

    private static final Set<String> GIT_SCHEMES = Set.of("https", "http", "ssh", "git", "file", "sftp");

    /** Refuses a URL whose scheme Git does not speak (it would fail later, after making a cache for it). */
    static void checkGitUrl(String url) {
        int colon = url.indexOf("://");
        if (colon < 0) {
            return; // user@host:path, as scp writes it
        }
        String scheme = url.substring(0, colon).toLowerCase(java.util.Locale.ROOT);
        if (!GIT_SCHEMES.contains(scheme)) {
            throw BadInputException.at("registry", 0, "'" + url + "' is a " + (scheme.isEmpty() ? "URL without a scheme"
                    : scheme + ":// URL") + ", which Git cannot fetch from", "give a directory, or a Git URL starting "
                    + "with https://, ssh://, git:// or file://");
        }
    }

    public static boolean isRemote(String registry) {
        return registry.contains("://") || registry.matches("[A-Za-z0-9._-]+@[A-Za-z0-9._-]+:.*");
    }

    public String location() {
        return location;
    }

    public BlobStore blobs() {
        return blobs;
    }

    /** The metadata repository's directory (a bare Git repository: {@code git log}, {@code gto show} work on it). */
    public Path metadataGitDir() {
        return meta.gitDir();
    }

    void beforeCommit(Runnable hook) {
        this.beforeCommit = hook == null ? () -> { } : hook;
    }

    /** Fetches a remote registry's newest state (no-op for a local one). */
    public void pull() {
        meta.fetch();
    }

    // ------------------------------------------------------------------ publish

    public PublishResult publish(PublishRequest request) {
        return publishAll(List.of(request)).get(0);
    }

    /**
     * Publishes several versions in one metadata commit (bulk import; the same rules as
     * {@link #publish}: versions are proposed in order, each after the previous).
     */
    public List<PublishResult> publishAll(List<PublishRequest> requests) {
        long start = System.nanoTime();
        List<List<BlobRef>> stored = new ArrayList<>();
        List<Lineage> lineages = new ArrayList<>();
        List<List<ModelFile>> files = new ArrayList<>();
        for (PublishRequest r : requests) {
            validate(r);
            lineages.add(lineageOf(r));
            files.add(modelFiles(r.path()));
        }
        refuseEarly(requests, lineages);
        // held from the first blob to the commit: gc never takes a blob this publish is about to name
        try (BlobLock.Held blobLock = blobs.sharedLock()) {
            long hashStart = System.nanoTime();
            for (List<ModelFile> f : files) {
                stored.add(store(f));   // blobs first: a commit never names a missing blob
            }
            long hashMillis = (System.nanoTime() - hashStart) / 1_000_000;
            for (int attempt = 1; ; attempt++) {
                int tries = attempt;
                Optional<List<PublishResult>> done = locked(() -> tryPublish(requests, lineages, stored, tries, start,
                        hashMillis));
                if (done.isPresent()) {
                    return done.get();
                }
                backOff(attempt, "the registry changed since it was read");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the blob store " + blobs.root() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses, before any blob is written, what the registry as it is now refuses: a version that
     * exists, a parent that does not (a dry run of the commit's own checks, so the rules are one).
     * The commit checks again: someone may publish the same version in between.
     */
    private void refuseEarly(List<PublishRequest> requests, List<Lineage> lineages) {
        meta.fetch();
        MetaRepo.Snapshot snap = meta.snapshot();
        RegistryConfig config = config(snap);
        Map<String, ModelIndex> indexes = new HashMap<>();
        Instant now = Instant.now();
        for (int i = 0; i < requests.size(); i++) {
            PublishRequest r = requests.get(i);
            ModelIndex index = indexes.computeIfAbsent(r.model(), m -> index(snap, m));
            indexes.put(r.model(), index.with(IndexEntry.of(prepare(r, index, lineages.get(i), List.of(), config, now))));
        }
    }

    /** One read-prepare-compare-and-swap round; empty when the registry moved underneath (then retried). */
    private Optional<List<PublishResult>> tryPublish(List<PublishRequest> requests, List<Lineage> lineages,
                                                     List<List<BlobRef>> stored, int attempt, long start,
                                                     long hashMillis) {
        {
            meta.fetch();
            MetaRepo.Snapshot snap = meta.snapshot();
            RegistryConfig config = config(snap);
            Map<String, ModelIndex> indexes = new HashMap<>();
            Map<String, byte[]> files = new LinkedHashMap<>();
            List<MetaRepo.TagSpec> tags = new ArrayList<>();
            List<VersionRecord> records = new ArrayList<>();
            Instant now = Instant.now();
            for (int i = 0; i < requests.size(); i++) {
                PublishRequest r = requests.get(i);
                ModelIndex index = indexes.computeIfAbsent(r.model(), m -> index(snap, m));
                VersionRecord record = prepare(r, index, lineages.get(i), stored.get(i), config, now);
                index = index.with(IndexEntry.of(record));
                indexes.put(r.model(), index);
                records.add(record);
                files.put(versionPath(r.model(), record.version()), json(record));
                tags.add(new MetaRepo.TagSpec(GtoTags.version(r.model(), record.version()),
                        "Registering model " + r.model() + " version v" + record.version(), null));
            }
            appendEvents(snap, files, records.stream().map(v -> new EventLog.Draft(v.model(), v.version().toString(),
                    EventKinds.PUBLISHED, "published by " + v.publishedBy().describe() + (v.lineage().sourceRun() == null
                            ? "" : " from run " + v.lineage().sourceRun()))).toList(), now);
            indexes.forEach((model, index) -> {
                files.put(indexPath(model), compactJson(index)); // big: compact, parsed by every query
                files.put(headPath(model), json(ModelHead.of(index)));
            });
            if (snap.isEmpty()) {
                files.put("registry.json", json(config));
            }
            beforeCommit.run();
            MetaRepo.Outcome outcome = meta.commit(snap, files, publishMessage(records),
                    ident(requests.get(0).actor()), tags);
            if (outcome.committed()) {
                long total = (System.nanoTime() - start) / 1_000_000;
                List<PublishResult> results = new ArrayList<>();
                for (int i = 0; i < records.size(); i++) {
                    VersionRecord v = records.get(i);
                    results.add(new PublishResult(PublishResult.PUBLISHED, v.model(), v.version(), v.parent(), v.bump(),
                            v.bumpReason(), v.files(), v.lineage(), outcome.commit().name(),
                            List.of(tags.get(i).name()), attempt, hashMillis, total));
                }
                return Optional.of(results);
            }
            return Optional.empty();
        }
    }

    /**
     * Runs one attempt holding this machine's write lock: writers on one machine queue instead of
     * racing (no wasted rounds under contention); writers elsewhere (other machines on a shared
     * remote, or plain Git) are caught by the compare-and-swap and the attempt is retried.
     */
    private <T> T locked(Supplier<T> attempt) {
        try {
            return meta.withWriteLock(attempt::get);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the registry: " + e.getMessage(), e);
        }
    }

    private VersionRecord prepare(PublishRequest r, ModelIndex index, Lineage lineage, List<BlobRef> files,
                                  RegistryConfig config, Instant now) {
        IndexEntry parent;
        if (r.parent() != null) {
            SemVer p = SemVer.parse(r.parent());
            parent = index.find(p).orElseThrow(() -> BadInputException.at("parent", 0, "model " + r.model()
                    + " has no version " + p, "name a published version (see 'mlops registry show " + r.model() + "')"));
        } else {
            parent = index.latest().orElse(null);
        }
        VersionProposer.Proposal proposal = VersionProposer.propose(index, parent, lineage, config);
        SemVer version = proposal.version();
        VersionBump bump = proposal.bump();
        String reason = proposal.reason();
        if (r.version() != null) {
            SemVer chosen = SemVer.parse(r.version());
            if (index.find(chosen).isPresent()) {
                throw BadInputException.at("version", 0, r.model() + " " + chosen
                        + " is published already and published versions are immutable",
                        "choose another version, or leave it out to have one proposed (proposed now: " + version + ")");
            }
            reason = "chosen by the publisher; the registry proposed " + version + " (" + bump + ": " + reason + ")";
            version = chosen;
            bump = VersionBump.OVERRIDE;
        }
        return new VersionRecord(VersionRecord.CURRENT_SCHEMA_VERSION, r.model(), version,
                parent == null ? null : parent.version(), bump, reason, now, r.actor(), files, lineage);
    }

    private static String publishMessage(List<VersionRecord> records) {
        if (records.size() == 1) {
            VersionRecord v = records.get(0);
            return "publish " + v.model() + " " + v.version() + "\n\n" + v.bump() + ": " + v.bumpReason()
                    + "\nsource run: " + v.lineage().sourceRun() + "\nby: " + v.publishedBy().describe() + "\n";
        }
        return "publish " + records.size() + " versions\n\n" + String.join("\n", records.stream()
                .map(v -> v.model() + " " + v.version()).toList()) + "\n";
    }

    private void validate(PublishRequest r) {
        if (r == null) {
            throw BadInputException.at("publish", 0, "no request", "give a model name and path");
        }
        Names.model(r.model());
        checkActor(r.actor());
        if (r.path() == null || !Files.exists(r.path(), LinkOption.NOFOLLOW_LINKS)) {
            throw BadInputException.at(r.path() == null ? "model path" : r.path(), 0, "the model file or directory does not exist",
                    "give the path of the trained model");
        }
        if (r.version() != null) { // given empty is not "not given": refused, not replaced by a proposal
            SemVer.parse(r.version());
        }
        if (r.parent() != null) {
            SemVer.parse(r.parent());
        }
    }

    /**
     * Who makes a change becomes the commit's author and a line of its message: a line break in
     * it would add lines of its own (e.g. a forged "Signed-off-by:" trailer), so it is refused.
     */
    static void checkActor(Actor actor) {
        if (actor == null) {
            return;
        }
        checkOneLine("user", "user name", actor.user());
        checkOneLine("job", "job name", actor.job());
    }

    /** A value written as a line of a commit message (who, who approved, why) must stay one line. */
    private static void checkOneLine(String field, String what, String value) {
        if (value != null && value.chars().anyMatch(Character::isISOControl)) {
            String shown = value.replace("\n", "\\n").replace("\r", "\\r").replaceAll("\\p{Cntrl}", "?");
            throw BadInputException.at(field, 0, "'" + shown + "' contains a line break or another control "
                    + "character", "give the " + what + " on one line, without control characters");
        }
    }

    /** One file of a model and its path inside the model. */
    private record ModelFile(Path file, String logicalPath) {
    }

    /** The files to publish, every one checked (no link, no special file) before any is stored. */
    private static List<ModelFile> modelFiles(Path path) {
        try {
            if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                return List.of(new ModelFile(path, path.getFileName().toString()));
            }
            if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                throw BadInputException.at(path, 0, "is neither a regular file nor a directory (links are not followed)",
                        "give the model file or its directory");
            }
            List<Path> found;
            try (Stream<Path> walk = Files.walk(path)) {
                found = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            }
            List<ModelFile> files = new ArrayList<>();
            for (Path f : found) {
                if (!Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    throw BadInputException.at(f, 0, Files.isSymbolicLink(f) ? "is a link (to " + linkTarget(f)
                            + "); links are not followed" : "is not a regular file",
                            "copy the real file or directory into the model directory");
                }
                files.add(new ModelFile(f, path.relativize(f).toString().replace('\\', '/')));
            }
            if (files.isEmpty()) {
                throw BadInputException.at(path, 0, "the model directory is empty", "give the directory holding the model files");
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model at " + path + ": " + e.getMessage(), e);
        }
    }

    private static String linkTarget(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "?";
        }
    }

    private List<BlobRef> store(List<ModelFile> files) {
        List<BlobRef> refs = new ArrayList<>();
        for (ModelFile f : files) {
            refs.add(blobs.put(f.file(), f.logicalPath()));
        }
        return refs;
    }

    /** Lineage from the run: what it used and what its stages said (copied, so it outlives the run store). */
    static Lineage lineageOf(PublishRequest r) {
        RunRecord run = r.run();
        if (run == null) {
            return new Lineage(null, null, null, null, null, null, null, false, null, List.of(), null,
                    r.labelDefinition(), Map.of(), Hashing.sha256("{}"), Map.of(), Map.of());
        }
        String label = r.labelDefinition();
        if (label == null) {
            label = run.params().getOrDefault("label", run.params().get("target"));
        }
        Map<String, StageResult> stages = new TreeMap<>();
        for (String s : Lineage.STAGES) {
            if (run.stages().containsKey(s)) {
                stages.put(s, run.stages().get(s));
            }
        }
        var ci = run.ci();
        var code = run.code();
        return new Lineage(run.id(), run.experiment(), ci == null ? null : ci.url(), ci == null ? null : ci.job(),
                ci == null ? null : ci.build(), code.commit(), code.branch(), code.dirty(), code.remoteUrl(),
                run.datasets(), schemaHash(run.datasets()), label, run.params(), paramsHash(run.params()),
                VersionProposer.finalMetrics(run), stages);
    }

    /** One hash over the schemas of all datasets (by name), or {@code null} when none has a schema. */
    static String schemaHash(List<DatasetRef> datasets) {
        Map<String, String> byName = new TreeMap<>();
        for (DatasetRef d : datasets) {
            if (d.schemaHash() != null) {
                byName.put(d.name() == null ? "" : d.name(), d.schemaHash());
            }
        }
        if (byName.isEmpty()) {
            return null;
        }
        Set<String> distinct = new LinkedHashSet<>(byName.values());
        return distinct.size() == 1 ? distinct.iterator().next() : Hashing.sha256(byName.toString());
    }

    static String paramsHash(Map<String, String> params) {
        try {
            return Hashing.sha256(Json.mapper().writeValueAsString(new TreeMap<>(params)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ stages

    /**
     * Assigns or unassigns a stage if its policy allows it. A refusal changes nothing and comes
     * back as a result with verdict {@code REFUSED} and the reasons (it is not an exception: it is
     * the policy's answer).
     */
    public StageChangeResult setStage(StageChangeRequest request) {
        checkActor(request.actor());
        request.approvals().forEach(person -> checkOneLine("approved-by", "approver's name", person));
        checkOneLine("reason", "reason", request.reason());
        String model = Names.model(request.model());
        String stage = Names.stage(request.stage());
        for (int attempt = 1; ; attempt++) {
            Optional<StageChangeResult> done = locked(() -> tryStageChange(request, model, stage));
            if (done.isPresent()) {
                return done.get();
            }
            backOff(attempt, "the registry changed since it was read");
        }
    }

    private Optional<StageChangeResult> tryStageChange(StageChangeRequest request, String model, String stage) {
        {
            meta.fetch();
            MetaRepo.Snapshot snap = meta.snapshot();
            RegistryConfig config = config(snap);
            StagePolicy policy = config.policy(stage);
            StageBook book = stageBook(snap, model);
            ModelIndex index = index(snap, model);
            if (index.versions().isEmpty()) {
                throw BadInputException.at("model", 0, "no model '" + model + "' in the registry",
                        "publish it first, or list models with 'mlops registry list'");
            }
            Optional<SemVer> previous = book.current(stage);
            SemVer version;
            List<StageChangeResult.PolicyCheck> checks = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            if (request.action() == StageAction.UNASSIGN) {
                version = previous.orElseThrow(() -> BadInputException.at("stage", 0, "stage " + stage + " of "
                        + model + " holds no version", "nothing to unassign"));
                if (request.version() != null && !request.version().isBlank()
                        && !SemVer.parse(request.version()).equals(version)) {
                    throw BadInputException.at("version", 0, "stage " + stage + " holds " + version + ", not "
                            + request.version(), "unassign the version the stage holds");
                }
                checkProtected(request, stage, policy, checks, refusals);
            } else {
                if (request.version() == null || request.version().isBlank()) {
                    throw BadInputException.at("version", 0, "no version given", "name the version to put into " + stage);
                }
                version = SemVer.parse(request.version());
                SemVer wanted = version;
                if (index.find(version).isEmpty()) {
                    throw BadInputException.at("version", 0, model + " has no version " + wanted,
                            "see the versions with 'mlops registry show " + model + "'");
                }
                VersionRecord record = readVersion(snap, model, version);
                checkPolicy(request, stage, policy, record, checks, refusals);
            }
            if (!refusals.isEmpty()) {
                return Optional.of(new StageChangeResult(StageChangeResult.REFUSED, false, model, stage, version,
                        previous.orElse(null), policy, checks, refusals, null, null, null));
            }
            int number = book.nextNumber(stage);
            StageEvent event = new StageEvent(number, stage, request.action(), version, Instant.now(), request.actor(),
                    request.approvals(), request.reason());
            String tag = request.action() == StageAction.ASSIGN ? GtoTags.assign(model, stage, number)
                    : GtoTags.unassign(model, stage, number);
            ObjectId target = meta.tagTarget(GtoTags.version(model, version)).orElse(null);
            String verb = request.action() == StageAction.ASSIGN ? "assign" : "unassign";
            String message = verb + " " + model + " " + version + " " + (request.action() == StageAction.ASSIGN
                    ? "to " : "from ") + stage + "\n\nby: " + request.actor().describe()
                    + (request.approvals().isEmpty() ? "" : "\napproved by: " + String.join(", ", request.approvals()))
                    + (request.reason() == null ? "" : "\nreason: " + request.reason()) + "\n";
            Map<String, byte[]> files = new LinkedHashMap<>();
            files.put(stagesPath(model), json(book.with(event)));
            appendEvents(snap, files, List.of(new EventLog.Draft(model, version.toString(),
                    request.action() == StageAction.ASSIGN ? EventKinds.stage(stage) : EventKinds.unstage(stage),
                    (request.action() == StageAction.ASSIGN ? "assigned" : "unassigned") + " by "
                            + request.actor().describe() + (request.approvals().isEmpty() ? "" : ", approved by "
                            + String.join(", ", request.approvals())) + (request.reason() == null ? "" : ": "
                            + request.reason()))), event.at());
            beforeCommit.run();
            MetaRepo.Outcome outcome = meta.commit(snap, files, message,
                    ident(request.actor()), List.of(new MetaRepo.TagSpec(tag, message, target)));
            if (outcome.committed()) {
                return Optional.of(new StageChangeResult(request.action() == StageAction.ASSIGN
                        ? StageChangeResult.ASSIGNED : StageChangeResult.UNASSIGNED, true, model, stage, version,
                        previous.orElse(null), policy, checks, List.of(), number, tag, outcome.commit().name()));
            }
            return Optional.empty();
        }
    }

    private static void checkProtected(StageChangeRequest r, String stage, StagePolicy policy,
                                       List<StageChangeResult.PolicyCheck> checks, List<String> refusals) {
        if (policy.protectedStage()) {
            boolean ok = r.mayChangeProtected();
            checks.add(new StageChangeResult.PolicyCheck("protected stage", "the promote permission",
                    ok ? "granted" : "not granted to " + r.actor().user(), ok));
            if (!ok) {
                refusals.add("stage " + stage + " is protected and " + r.actor().user()
                        + " lacks the permission to change it");
            }
        }
    }

    private static void checkPolicy(StageChangeRequest r, String stage, StagePolicy policy, VersionRecord v,
                                    List<StageChangeResult.PolicyCheck> checks, List<String> refusals) {
        checkProtected(r, stage, policy, checks, refusals);
        Lineage l = v.lineage();
        if (policy.blessingRequired()) {
            boolean ok = l.passed("blessing");
            checks.add(new StageChangeResult.PolicyCheck("blessing", "BLESSED", l.verdictOf("blessing"), ok));
            if (!ok) {
                refusals.add("stage " + stage + " requires a blessed version, but " + v.model() + " " + v.version()
                        + " has blessing verdict " + l.verdictOf("blessing") + describe(l.stages().get("blessing")));
            }
        }
        if (policy.infraBlessingRequired()) {
            boolean ok = l.passed("infraValidation");
            checks.add(new StageChangeResult.PolicyCheck("infra blessing", "INFRA_BLESSED",
                    l.verdictOf("infraValidation"), ok));
            if (!ok) {
                refusals.add("stage " + stage + " requires an infra-blessed version, but " + v.model() + " "
                        + v.version() + " has infra validation verdict " + l.verdictOf("infraValidation")
                        + describe(l.stages().get("infraValidation")));
            }
        }
        if (policy.approvalsRequired() > 0) {
            Set<String> approvers = new LinkedHashSet<>();
            for (String a : r.approvals()) {
                if (a != null && !a.isBlank() && !a.strip().equals(r.actor().user())) {
                    approvers.add(a.strip());
                }
            }
            boolean ok = approvers.size() >= policy.approvalsRequired();
            checks.add(new StageChangeResult.PolicyCheck("approvals", policy.approvalsRequired()
                    + " other than the actor", approvers.size() + (approvers.isEmpty() ? "" : " " + approvers), ok));
            if (!ok) {
                refusals.add("stage " + stage + " requires " + policy.approvalsRequired()
                        + " approval(s) from people other than " + r.actor().user() + ", got " + approvers.size());
            }
        }
    }

    private static String describe(StageResult result) {
        return result == null || result.summary() == null ? "" : " (" + result.summary() + ")";
    }

    // ------------------------------------------------------------------ monitoring

    /**
     * Keeps one monitoring check on a version: a file of its own per check, so concurrent checks
     * never rewrite each other's (a compare-and-swap commit like every other change). A verdict
     * (OK, DRIFT, DEGRADED) is logged as a {@code monitor:VERDICT} event in the same commit, so the
     * jobs that watch for it start exactly when the check is kept; NO_DATA logs none.
     */
    public Optional<RegistryEvent> recordMonitoring(String model, String version, MonitoringRecord record) {
        checkActor(record.checkedBy());
        String name = Names.model(model);
        SemVer v = SemVer.parse(version);
        Optional<String> kind = record.verdict().equals("NO_DATA") ? Optional.empty()
                : Optional.of(EventKinds.monitor(record.verdict()));
        for (int attempt = 1; ; attempt++) {
            Optional<Optional<RegistryEvent>> done = locked(() -> {
                meta.fetch();
                MetaRepo.Snapshot snap = meta.snapshot();
                readVersion(snap, name, v); // refuses an unknown version
                String path = monitoringDir(name, v) + "/" + record.checkedAt().toEpochMilli() + "-"
                        + Hashing.shortHash(Hashing.sha256(compactJson(record))) + ".json";
                Map<String, byte[]> files = new LinkedHashMap<>();
                files.put(path, json(record));
                Optional<RegistryEvent> event = kind.map(k -> appendEvents(snap, files, List.of(new EventLog.Draft(
                        name, v.toString(), k, record.summary() == null || record.summary().isBlank()
                                ? "monitoring by " + record.checkedBy().describe() : record.summary())),
                        record.checkedAt()).get(0));
                beforeCommit.run();
                MetaRepo.Outcome outcome = meta.commit(snap, files, "monitor " + name + " " + v
                        + ": " + record.verdict() + "\n\n" + record.summary() + "\n", ident(record.checkedBy()), List.of());
                return outcome.committed() ? Optional.of(event) : Optional.<Optional<RegistryEvent>>empty();
            });
            if (done.isPresent()) {
                return done.get();
            }
            backOff(attempt, "the registry changed since it was read");
        }
    }

    /** A version's monitoring checks, oldest first. */
    public List<MonitoringRecord> monitoring(String model, String version) {
        String name = Names.model(model);
        SemVer v = SemVer.parse(version);
        MetaRepo.Snapshot snap = meta.snapshot();
        String dir = monitoringDir(name, v);
        List<MonitoringRecord> out = new ArrayList<>();
        for (String file : snap.list(dir).stream().sorted().toList()) {
            String path = dir + "/" + file;
            snap.read(path).ifPresent(b -> out.add(parse(b, MonitoringRecord.class, path)));
        }
        out.sort(java.util.Comparator.comparing(MonitoringRecord::checkedAt));
        return out;
    }

    static String monitoringDir(String model, SemVer version) {
        return "models/" + model + "/monitoring/" + version;
    }

    /** Sets a stage's policy (a metadata commit like any other change). */
    public RegistryConfig setPolicy(String stage, StagePolicy policy, Actor actor) {
        Names.stage(stage);
        return updateConfig(c -> c.withPolicy(stage, policy), "policy of " + stage + ": " + policy, actor);
    }

    /** Sets the metric that decides a MINOR bump when the blessing stage does not say. */
    public RegistryConfig setPrimaryMetric(String metric, boolean higherIsBetter, Actor actor) {
        return updateConfig(c -> c.withPrimaryMetric(metric, higherIsBetter), "primary metric: " + metric
                + (higherIsBetter ? " (higher is better)" : " (lower is better)"), actor);
    }

    private RegistryConfig updateConfig(java.util.function.UnaryOperator<RegistryConfig> change, String what, Actor actor) {
        checkActor(actor);
        for (int attempt = 1; ; attempt++) {
            Optional<RegistryConfig> done = locked(() -> {
                meta.fetch();
                MetaRepo.Snapshot snap = meta.snapshot();
                RegistryConfig next = change.apply(config(snap));
                MetaRepo.Outcome outcome = meta.commit(snap, Map.of("registry.json", json(next)), "configure " + what
                        + "\n\nby: " + actor.describe() + "\n", ident(actor), List.of());
                return outcome.committed() ? Optional.of(next) : Optional.empty();
            });
            if (done.isPresent()) {
                return done.get();
            }
            backOff(attempt, "the registry changed since it was read");
        }
    }

    // ------------------------------------------------------------------ events

    /**
     * Adds {@code drafts} to the event log as the change being prepared on {@code snap} leaves it:
     * their files go into {@code files}, the change's own commit (so the change and its events are
     * one compare-and-swap). Every change that logs events calls this before its commit.
     */
    static List<RegistryEvent> appendEvents(MetaRepo.Snapshot snap, Map<String, byte[]> files,
                                            List<EventLog.Draft> drafts, Instant at) {
        EventLog.Appended appended = EventLog.append(eventSource(snap), drafts, at);
        files.putAll(appended.files());
        return appended.events();
    }

    private static EventLog.Source eventSource(MetaRepo.Snapshot snap) {
        return new EventLog.Source() {
            @Override
            public List<String> list(String dir) {
                return snap.list(dir);
            }

            @Override
            public Optional<byte[]> read(String path) {
                return snap.read(path);
            }
        };
    }

    /**
     * Every event numbered above {@code afterSeq} (0: all), oldest first, as this copy of the
     * registry holds them ({@link #pull} first for a remote registry's newest).
     */
    public List<RegistryEvent> events(long afterSeq) {
        return EventLog.after(eventSource(meta.snapshot()), afterSeq);
    }

    /** The number of the newest event (0 when none was logged yet). */
    public long lastEventSeq() {
        return EventLog.last(eventSource(meta.snapshot()));
    }

    // ------------------------------------------------------------------ queries

    public RegistryConfig config() {
        return config(meta.snapshot());
    }

    /** Every model with its newest version and stages, by name. */
    public List<ModelSummary> models() {
        MetaRepo.Snapshot snap = meta.snapshot();
        List<ModelSummary> out = new ArrayList<>();
        for (String model : snap.list("models").stream().sorted().toList()) {
            ModelHead head = head(snap, model);
            out.add(new ModelSummary(model, head.versions(), head.latest(), head.latestPublishedAt(),
                    stageBook(snap, model).currentAll()));
        }
        return out;
    }

    public ModelIndex versions(String model) {
        return existingIndex(meta.snapshot(), Names.model(model));
    }

    public StageBook stages(String model) {
        return stageBook(meta.snapshot(), Names.model(model));
    }

    public VersionRecord show(String model, String version) {
        MetaRepo.Snapshot snap = meta.snapshot();
        existingIndex(snap, Names.model(model));
        return readVersion(snap, model, SemVer.parse(version));
    }

    /**
     * What a stage holds now, with the metrics and source run a blessing gate compares against
     * (adapt it to core.gate's {@code BaselineSource}); empty when the stage holds no version.
     */
    public Optional<StageBaseline> baseline(String model, String stage) {
        MetaRepo.Snapshot snap = meta.snapshot();
        Names.model(model);
        Names.stage(stage);
        Optional<SemVer> current = stageBook(snap, model).current(stage);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        VersionRecord v = readVersion(snap, model, current.get());
        return Optional.of(new StageBaseline(model, stage, v.version(), v.lineage().sourceRun(), v.lineage().metrics(),
                v.lineage().passed("blessing")));
    }

    public LineageGraph upstream(String model, String version) {
        MetaRepo.Snapshot snap = meta.snapshot();
        ModelIndex index = existingIndex(snap, Names.model(model));
        return LineageQueries.upstream(index, SemVer.parse(version));
    }

    /** Every version, of every model, trained on the dataset with this content hash (or a unique prefix of at least 8 digits). */
    public List<DatasetUse> trainedOn(String datasetHash) {
        if (datasetHash == null || !datasetHash.matches("[0-9a-f]{8,64}")) {
            throw BadInputException.at("dataset hash", 0, "'" + datasetHash + "' is not a sha256 hash or prefix",
                    "give at least 8 lower-case hex digits of the dataset's sha256");
        }
        MetaRepo.Snapshot snap = meta.snapshot();
        List<DatasetUse> out = new ArrayList<>();
        for (String model : snap.list("models").stream().sorted().toList()) {
            out.addAll(LineageQueries.trainedOn(index(snap, model), datasetHash));
        }
        return out;
    }

    public VersionDiff diff(String model, String from, String to) {
        MetaRepo.Snapshot snap = meta.snapshot();
        existingIndex(snap, Names.model(model));
        return LineageQueries.diff(readVersion(snap, model, SemVer.parse(from)), readVersion(snap, model,
                SemVer.parse(to)));
    }

    /**
     * Copies a version's files into {@code destDir}, each hashed on the way and refused
     * ({@link CorruptBlobException}) if its bytes do not match what was published. All or nothing:
     * the files are hashed into a staging directory first and moved into place only when every one
     * matched, so a refused version leaves none of its files (and no directory this call made).
     */
    public List<Path> download(String model, String version, Path destDir) {
        checkDownloadDir(destDir, destDir.toString());
        VersionRecord v = show(model, version);
        List<Path> targets = new ArrayList<>();
        for (BlobRef f : v.files()) {
            targets.add(SafePaths.resolveInside(destDir, f.path(), "file of " + model + " " + version));
        }
        boolean made = !Files.exists(destDir);
        Path staging = null;
        try {
            Files.createDirectories(destDir);
            staging = Files.createTempDirectory(destDir, ".mlops-download-");
            List<Path> staged = new ArrayList<>();
            for (BlobRef f : v.files()) {
                Path file = SafePaths.resolveInside(staging, f.path(), "file of " + model + " " + version);
                blobs.copyTo(f.sha256(), file, model + " " + version + " file " + f.path());
                staged.add(file);
            }
            for (int i = 0; i < targets.size(); i++) {
                Files.createDirectories(targets.get(i).toAbsolutePath().getParent());
                Files.move(staged.get(i), targets.get(i), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return targets;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + model + " " + version + " into " + destDir + ": " + e.getMessage(), e);
        } finally {
            FileTrees.deleteQuietly(staging);
            if (made && isEmptyDirectory(destDir)) {
                FileTrees.deleteQuietly(destDir);
            }
        }
    }

    /**
     * Refuses, before anything is made, a download directory that is a file (or under one), or that
     * goes into a directory and back out with '..' ({@code out/../../x}: what it means depends on
     * whether {@code out} exists and is a link, so it is never guessed).
     *
     * @param what how the user named it, for the message (e.g. {@code --to})
     */
    public static void checkDownloadDir(Path dir, String what) {
        for (int i = 1; i < dir.getNameCount(); i++) {
            String previous = dir.getName(i - 1).toString();
            if (dir.getName(i).toString().equals("..") && !previous.equals("..") && !previous.equals(".")) {
                throw BadInputException.at(what, 0, "'" + dir + "' goes into '" + previous + "' and back out with '..'",
                        "write the directory without it: " + dir.normalize());
            }
        }
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null && !Files.isDirectory(existing)) {
            throw BadInputException.at(what, 0, existing.equals(dir.toAbsolutePath()) ? "'" + dir + "' is a file, not a "
                    + "directory" : "'" + dir + "' cannot be made: " + existing + " is a file",
                    "give a directory to download into (it is made if missing)");
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        try (var entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** Problems found by checking every version's record and every blob's hash (empty: all good). */
    public List<String> verify() {
        return check().problems().stream().map(RegistryCheck.Problem::message).toList();
    }

    /**
     * Rehashes every blob and checks every version record, index, stage history and tag against
     * each other ({@code mlops registry verify}). Reads only; safe while others publish (blobs
     * of a publish not yet committed count as reclaimable, not as a problem).
     */
    public RegistryCheck check() {
        return new RegistryVerifier(meta, blobs).check();
    }

    /**
     * Repairs what can be repaired, then checks again ({@code mlops registry verify --repair}):
     * removes damaged blobs no version names, rebuilds indexes and heads from the version
     * records, recreates missing tags, and, given {@code from} (a file or directory holding copies
     * of the original files, or {@code null}), puts back damaged or missing blobs. Publishes wait
     * while it runs. What it cannot repair stays in the result's problems.
     */
    public RegistryCheck repair(Path from, Actor actor) {
        checkActor(actor);
        return new RegistryVerifier(meta, blobs).repair(from, actor);
    }

    /**
     * Removes blobs no version names and the files of publishes that never finished
     * ({@code blobs/tmp/*.part}). Safe while others publish: a publish holds the blob lock shared
     * from before its first blob until its commit, and gc takes it exclusive, so it never sees a
     * blob that a publish in flight is about to name.
     */
    public GcResult gc() {
        List<String> removed = new ArrayList<>();
        int blobCount = 0;
        long blobBytes = 0;
        int partCount = 0;
        long partBytes = 0;
        try (BlobLock.Held lock = blobs.exclusiveLock()) {
            meta.fetch();
            Set<String> referenced = new RegistryVerifier(meta, blobs).referenced(meta.snapshot()).keySet();
            for (String sha : blobs.storedHashes()) {
                if (!referenced.contains(sha)) {
                    long size = blobs.size(sha);
                    blobs.delete(sha);
                    blobCount++;
                    blobBytes += size;
                    removed.add(blobs.pathOf(sha).toString());
                }
            }
            for (Path part : blobs.parts()) {
                long size = Files.size(part);
                Files.deleteIfExists(part); // no publish runs: nobody is writing it
                partCount++;
                partBytes += size;
                removed.add(part.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot collect garbage in " + blobs.root() + ": " + e.getMessage(), e);
        }
        return new GcResult(blobCount, blobBytes, partCount, partBytes, removed);
    }

    /** Names of the Git tags (GTO form) in the metadata repository. */
    public List<String> tags() {
        return meta.tagNames();
    }

    // ------------------------------------------------------------------ storage helpers

    static String indexPath(String model) {
        return "models/" + model + "/index.json";
    }

    static String headPath(String model) {
        return "models/" + model + "/head.json";
    }

    static String stagesPath(String model) {
        return "models/" + model + "/stages.json";
    }

    static String versionPath(String model, SemVer version) {
        return "models/" + model + "/versions/" + version + ".json";
    }

    private static RegistryConfig config(MetaRepo.Snapshot snap) {
        return snap.read("registry.json").map(b -> parse(b, RegistryConfig.class, "registry.json"))
                .orElseGet(RegistryConfig::defaults);
    }

    /**
     * Parsed indexes by the Git id of their content: a content id never changes meaning, so the
     * cache is always right; it spares a long-running controller re-parsing a big index per page.
     */
    private static final Map<ObjectId, ModelIndex> INDEX_CACHE = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<ObjectId, ModelIndex> eldest) {
                    return size() > 32;
                }
            });

    static ModelIndex index(MetaRepo.Snapshot snap, String model) {
        Optional<ObjectId> id = snap.blobId(indexPath(model));
        if (id.isEmpty()) {
            return ModelIndex.empty(model);
        }
        ModelIndex cached = INDEX_CACHE.get(id.get());
        if (cached != null) {
            return cached;
        }
        ModelIndex parsed = parse(snap.readBlob(id.get()).orElseThrow(), ModelIndex.class, indexPath(model));
        INDEX_CACHE.put(id.get(), parsed);
        return parsed;
    }

    /** A model's line in {@code list} without reading its whole index. */
    private static ModelHead head(MetaRepo.Snapshot snap, String model) {
        return snap.read(headPath(model)).map(b -> parse(b, ModelHead.class, headPath(model)))
                .orElseGet(() -> ModelHead.of(index(snap, model)));
    }

    private static ModelIndex existingIndex(MetaRepo.Snapshot snap, String model) {
        ModelIndex index = index(snap, model);
        if (index.versions().isEmpty()) {
            throw BadInputException.at("model", 0, "no model '" + model + "' in the registry",
                    "list the models with 'mlops registry list'");
        }
        return index;
    }

    static StageBook stageBook(MetaRepo.Snapshot snap, String model) {
        return snap.read(stagesPath(model)).map(b -> parse(b, StageBook.class, stagesPath(model)))
                .orElseGet(() -> StageBook.empty(model));
    }

    private static VersionRecord readVersion(MetaRepo.Snapshot snap, String model, SemVer version) {
        String path = versionPath(model, version);
        return snap.read(path).map(b -> parse(b, VersionRecord.class, path)).orElseThrow(() -> BadInputException.at(
                "version", 0, model + " has no version " + version, "see the versions with 'mlops registry show "
                        + model + "'"));
    }

    static <T> T parse(byte[] bytes, Class<T> type, String path) {
        try {
            return Json.mapper().readValue(bytes, type);
        } catch (IOException e) {
            throw new InfrastructureException("the registry's " + path + " is unreadable: " + e.getMessage()
                    + ". Fix: inspect the metadata repository with 'git log'", e);
        }
    }

    static byte[] json(Object value) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    static byte[] compactJson(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    static PersonIdent ident(Actor actor) {
        Actor a = actor == null ? Actor.user("unknown") : actor;
        return new PersonIdent(a.describe(), a.user().replaceAll("[^A-Za-z0-9._-]", "_") + "@mlops.invalid");
    }

    /** Waits a random, growing time before retrying a compare-and-swap that lost a race. */
    static void backOff(int attempt, String why) {
        if (attempt >= MAX_ATTEMPTS) {
            throw new InfrastructureException("the registry changed under this update " + attempt
                    + " times in a row (last: " + why + "). Fix: retry later; if it persists, look for a stuck writer");
        }
        long cap = Math.min(250, 2L << Math.min(attempt, 7));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, cap + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while retrying a registry update", e);
        }
    }

    @Override
    public void close() {
        meta.close();
    }
}
