package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.io.Hashing;
import io.jenkins.plugins.mlops.core.registry.RegistryCheck.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Checks a registry end to end (every blob rehashed; every version record, index, head, stage
 * history and GTO tag against each other) and repairs what can be rebuilt from what is left:
 * an index or head from the version records, a missing tag on the commit that made its version,
 * a damaged or missing blob from a copy of the original file, and a damaged blob no version names
 * is removed. A lost version record or a damaged blob without a copy cannot be repaired here.
 */
final class RegistryVerifier {
    private final MetaRepo meta;
    private final BlobStore blobs;

    RegistryVerifier(MetaRepo meta, BlobStore blobs) {
        this.meta = meta;
        this.blobs = blobs;
    }

    RegistryCheck check() {
        return check(meta.snapshot(), List.of());
    }

    /** Repairs what it can (holding the blob lock: no publish runs meanwhile), then checks again. */
    RegistryCheck repair(Path from, Actor actor) {
        List<String> done = new ArrayList<>();
        try (BlobLock.Held lock = blobs.exclusiveLock()) {
            meta.fetch();
            RegistryCheck before = check(meta.snapshot(), List.of());
            for (Problem p : before.problems()) {
                if (p.kind().equals("corrupt-unreferenced-blob")) {
                    blobs.delete(p.subject());
                    done.add("removed blob " + p.subject() + ": no version names it and its bytes were damaged");
                }
            }
            if (from != null) {
                done.addAll(restoreBlobs(before, from));
            }
            done.addAll(repairMetadata(actor));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock the blob store " + blobs.root() + ": " + e.getMessage(), e);
        }
        return check(meta.snapshot(), done);
    }

    /** Hash to size of every blob a version record names (fails if a record cannot be read: then nobody knows). */
    Map<String, Long> referenced(MetaRepo.Snapshot snap) {
        Map<String, Long> out = new HashMap<>();
        for (String model : snap.list("models")) {
            for (String file : snap.list("models/" + model + "/versions")) {
                String path = "models/" + model + "/versions/" + file;
                byte[] raw = snap.read(path).orElseThrow();
                for (BlobRef f : Registry.parse(raw, VersionRecord.class, path).files()) {
                    out.put(f.sha256(), f.bytes());
                }
            }
        }
        return out;
    }

    private RegistryCheck check(MetaRepo.Snapshot snap, List<String> repaired) {
        List<Problem> problems = new ArrayList<>();
        Set<String> tags = new HashSet<>(meta.tagNames());
        Map<String, List<String>> users = new TreeMap<>();
        Set<String> versionTags = new HashSet<>();
        List<String> models = snap.list("models").stream().sorted().toList();
        int versions = 0;
        for (String model : models) {
            ModelState m = ModelState.read(snap, model);
            versions += m.records().size();
            problems.addAll(m.problems(tags));
            for (VersionRecord v : m.records().values()) {
                versionTags.add(GtoTags.version(model, v.version()));
                for (BlobRef f : v.files()) {
                    users.computeIfAbsent(f.sha256(), k -> new ArrayList<>()).add(model + " " + v.version() + " file "
                            + f.path());
                }
            }
        }
        for (String tag : tags.stream().sorted().toList()) {
            if (tag.contains("@v") && !versionTags.contains(tag)) {
                problems.add(new Problem("tag", tag, "tag " + tag + " names a version that has no record",
                        "if that version was never published, delete the tag: git --git-dir=" + meta.gitDir()
                                + " tag -d '" + tag + "'", false));
            }
        }
        int count = 0;
        long bytes = 0;
        int orphans = 0;
        long orphanBytes = 0;
        Set<String> stored = new HashSet<>();
        for (String sha : blobs.storedHashes()) {
            stored.add(sha);
            long size = blobs.size(sha);
            count++;
            bytes += size;
            String actual = blobs.rehash(sha);
            List<String> usedBy = users.get(sha);
            if (usedBy != null && !actual.equals(sha)) {
                problems.add(new Problem("corrupt-blob", sha, "blob " + sha + " (" + String.join(", ", usedBy)
                        + ") was altered: its bytes hash to " + actual, "put the original file back with 'mlops registry "
                        + "verify --repair --from DIR' (DIR holding a copy of it), or restore " + blobs.pathOf(sha)
                        + " from a backup", false));
            } else if (usedBy == null && !actual.equals(sha)) {
                problems.add(new Problem("corrupt-unreferenced-blob", sha, "blob " + sha
                        + " is named by no version and its bytes hash to " + actual, "'mlops registry verify --repair' "
                        + "removes it", true));
            } else if (usedBy == null) {
                orphans++;
                orphanBytes += size;
            }
        }
        users.forEach((sha, usedBy) -> {
            if (!stored.contains(sha)) {
                problems.add(new Problem("missing-blob", sha, "blob " + sha + " (" + String.join(", ", usedBy)
                        + ") is missing from " + blobs.root(), "put the original file back with 'mlops registry verify "
                        + "--repair --from DIR' (DIR holding a copy of it), or restore it from a backup", false));
            }
        });
        long partBytes = 0;
        List<Path> parts = blobs.parts();
        for (Path part : parts) {
            partBytes += sizeOf(part);
        }
        return new RegistryCheck(models.size(), versions, tags.size(), count, bytes, problems, repaired,
                new RegistryCheck.Reclaimable(orphans, orphanBytes, parts.size(), partBytes));
    }

    /** Puts back every damaged or missing blob of which {@code from} (a file or directory) holds a copy. */
    private List<String> restoreBlobs(RegistryCheck found, Path from) {
        Set<String> wanted = new HashSet<>();
        for (Problem p : found.problems()) {
            if (p.kind().equals("corrupt-blob") || p.kind().equals("missing-blob")) {
                wanted.add(p.subject());
            }
        }
        Map<String, Long> sizes = referenced(meta.snapshot());
        Set<Long> wantedSizes = new HashSet<>();
        wanted.forEach(sha -> wantedSizes.add(sizes.get(sha)));
        List<String> done = new ArrayList<>();
        if (wanted.isEmpty()) {
            return done;
        }
        List<Path> candidates;
        try (Stream<Path> walk = Files.walk(from)) {
            candidates = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + from + ": " + e.getMessage(), e);
        }
        for (Path file : candidates) {
            if (!wantedSizes.contains(sizeOf(file))) {
                continue; // only files of a wanted size are worth hashing
            }
            String sha = Hashing.sha256(file);
            if (wanted.remove(sha)) {
                blobs.put(file, file.getFileName().toString()); // verified on the way in, replaces the damaged one
                done.add("restored blob " + sha + " from " + file);
            }
        }
        return done;
    }

    /** Rebuilds indexes and heads from the version records and recreates missing tags, in one commit. */
    private List<String> repairMetadata(Actor actor) {
        for (int attempt = 1; ; attempt++) {
            Optional<List<String>> done;
            try {
                done = meta.withWriteLock(() -> {
                    MetaRepo.Snapshot snap = meta.snapshot();
                    Set<String> tags = new HashSet<>(meta.tagNames());
                    Map<String, byte[]> files = new LinkedHashMap<>();
                    List<MetaRepo.TagSpec> newTags = new ArrayList<>();
                    List<String> actions = new ArrayList<>();
                    for (String model : snap.list("models").stream().sorted().toList()) {
                        ModelState m = ModelState.read(snap, model);
                        m.repair(files, newTags, actions, tags, meta);
                    }
                    if (files.isEmpty() && newTags.isEmpty()) {
                        return Optional.of(actions);
                    }
                    MetaRepo.Outcome outcome = meta.commit(snap, files, "repair the registry\n\n"
                            + String.join("\n", actions) + "\n\nby: " + actor.describe() + "\n", Registry.ident(actor),
                            newTags);
                    return outcome.committed() ? Optional.of(actions) : Optional.empty();
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot lock the registry: " + e.getMessage(), e);
            }
            if (done.isPresent()) {
                return done.get();
            }
            Registry.backOff(attempt, "the registry changed since it was read");
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // gone meanwhile
        }
    }

    /** One model's metadata as read, with what could not be read. */
    private record ModelState(String model, ModelIndex index, String indexError, byte[] head,
                              Map<SemVer, VersionRecord> records, List<String> unreadable, StageBook book,
                              String bookError) {
        static ModelState read(MetaRepo.Snapshot snap, String model) {
            ModelIndex index = null;
            String indexError = null;
            try {
                index = Registry.index(snap, model);
            } catch (RuntimeException e) {
                indexError = e.getMessage();
            }
            Map<SemVer, VersionRecord> records = new TreeMap<>();
            List<String> unreadable = new ArrayList<>();
            for (String file : snap.list("models/" + model + "/versions")) {
                String path = "models/" + model + "/versions/" + file;
                try {
                    VersionRecord v = Registry.parse(snap.read(path).orElseThrow(), VersionRecord.class, path);
                    records.put(v.version(), v);
                } catch (RuntimeException e) {
                    unreadable.add(path + ": " + e.getMessage());
                }
            }
            StageBook book = null;
            String bookError = null;
            try {
                book = Registry.stageBook(snap, model);
            } catch (RuntimeException e) {
                bookError = e.getMessage();
            }
            return new ModelState(model, index, indexError, snap.read(Registry.headPath(model)).orElse(null), records,
                    unreadable, book, bookError);
        }

        boolean indexNeedsRebuild() {
            if (index == null) {
                return true;
            }
            Set<SemVer> listed = new HashSet<>();
            for (IndexEntry e : index.versions()) {
                if (!listed.add(e.version())) {
                    return true;
                }
            }
            return !listed.containsAll(records.keySet());
        }

        boolean headStale() {
            if (index == null || head == null) {
                return true;
            }
            try {
                return !Registry.parse(head, ModelHead.class, Registry.headPath(model)).equals(ModelHead.of(index));
            } catch (RuntimeException e) {
                return true;
            }
        }

        List<Problem> problems(Set<String> tags) {
            List<Problem> out = new ArrayList<>();
            String rebuild = "'mlops registry verify --repair' rebuilds it from the version records";
            if (index == null) {
                out.add(new Problem("index", model, model + ": " + Registry.indexPath(model) + " is unreadable: "
                        + indexError, rebuild, true));
            } else {
                Set<SemVer> listed = new HashSet<>();
                for (IndexEntry e : index.versions()) {
                    if (!listed.add(e.version())) {
                        out.add(new Problem("index", model, model + " " + e.version() + " is listed twice in its index",
                                rebuild, true));
                    }
                    if (!records.containsKey(e.version()) && unreadable.isEmpty()) {
                        out.add(new Problem("record", model, model + " " + e.version()
                                + " is listed but its version record is missing", "restore the metadata repository "
                                + "from a clone or a backup (the record cannot be rebuilt)", false));
                    }
                }
                for (SemVer v : records.keySet()) {
                    if (!listed.contains(v)) {
                        out.add(new Problem("index", model, model + " " + v + " has a record but is not in the index",
                                rebuild, true));
                    }
                }
                if (headStale()) {
                    out.add(new Problem("head", model, model + ": " + Registry.headPath(model)
                            + " does not match the index", rebuild, true));
                }
            }
            for (String u : unreadable) {
                out.add(new Problem("record", model, "version record " + u, "restore the metadata repository from a "
                        + "clone or a backup (the record cannot be rebuilt)", false));
            }
            for (VersionRecord v : records.values()) {
                String tag = GtoTags.version(model, v.version());
                if (!tags.contains(tag)) {
                    out.add(new Problem("tag", tag, model + " " + v.version() + ": tag " + tag + " is missing",
                            "'mlops registry verify --repair' recreates it on the commit that published the version",
                            true));
                }
            }
            if (book == null) {
                out.add(new Problem("stage", model, model + ": " + Registry.stagesPath(model) + " is unreadable: "
                        + bookError, "restore the metadata repository from a clone or a backup", false));
                return out;
            }
            for (List<StageEvent> events : book.history().values()) {
                for (StageEvent e : events) {
                    if (!records.containsKey(e.version())) {
                        out.add(new Problem("stage", model, model + ": stage " + e.stage() + " change " + e.number()
                                + " names version " + e.version() + ", which has no record",
                                "restore the metadata repository from a clone or a backup", false));
                    }
                    String tag = stageTag(e);
                    if (!tags.contains(tag)) {
                        out.add(new Problem("tag", tag, model + ": stage " + e.stage() + " change " + e.number()
                                + ": tag " + tag + " is missing", "'mlops registry verify --repair' recreates it",
                                true));
                    }
                }
            }
            return out;
        }

        String stageTag(StageEvent e) {
            return e.action() == StageAction.ASSIGN ? GtoTags.assign(model, e.stage(), e.number())
                    : GtoTags.unassign(model, e.stage(), e.number());
        }

        void repair(Map<String, byte[]> files, List<MetaRepo.TagSpec> newTags, List<String> actions, Set<String> tags,
                    MetaRepo meta) {
            ModelIndex fixed = index;
            if (indexNeedsRebuild()) {
                fixed = rebuiltIndex();
                files.put(Registry.indexPath(model), Registry.compactJson(fixed));
                actions.add("rebuilt " + Registry.indexPath(model) + " from " + records.size() + " version records");
            }
            if (fixed != index || headStale()) {
                files.put(Registry.headPath(model), Registry.json(ModelHead.of(fixed)));
                actions.add("rebuilt " + Registry.headPath(model));
            }
            for (VersionRecord v : records.values()) {
                recreateTag(GtoTags.version(model, v.version()), "Registering model " + model + " version v"
                        + v.version(), v.version(), tags, newTags, actions, meta);
            }
            if (book == null) {
                return;
            }
            for (List<StageEvent> events : book.history().values()) {
                for (StageEvent e : events) {
                    if (records.containsKey(e.version())) {
                        recreateTag(stageTag(e), (e.action() == StageAction.ASSIGN ? "assign " : "unassign ") + model
                                + " " + e.version() + " " + e.stage(), e.version(), tags, newTags, actions, meta);
                    }
                }
            }
        }

        /** A missing tag, recreated on the commit that published {@code version} (where publish and stage put it). */
        private void recreateTag(String tag, String message, SemVer version, Set<String> tags,
                                 List<MetaRepo.TagSpec> newTags, List<String> actions, MetaRepo meta) {
            if (tags.contains(tag)) {
                return;
            }
            meta.firstCommitTouching(Registry.versionPath(model, version)).ifPresent(commit -> {
                newTags.add(new MetaRepo.TagSpec(tag, message + " (tag recreated by repair)", commit));
                actions.add("recreated tag " + tag);
            });
        }

        /** The records in publication order, plus entries whose record is lost (still listed, still reported). */
        private ModelIndex rebuiltIndex() {
            Map<SemVer, IndexEntry> entries = new HashMap<>();
            if (index != null) {
                index.versions().forEach(e -> entries.putIfAbsent(e.version(), e));
            }
            records.values().forEach(v -> entries.put(v.version(), IndexEntry.of(v)));
            List<IndexEntry> ordered = new ArrayList<>(entries.values());
            ordered.sort(Comparator.comparing(IndexEntry::publishedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(IndexEntry::version));
            return new ModelIndex(model, ordered);
        }
    }
}
