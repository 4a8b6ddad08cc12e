package io.jenkins.plugins.mlops.core.registry;

import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.io.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.BatchRefUpdate;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TagBuilder;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The metadata repository: a bare Git repository whose branch {@code main} holds the registry's
 * files, one commit per change, and whose annotated tags follow GTO. Every change is a
 * compare-and-swap: the new commit and its tags are applied in one atomic ref transaction that
 * fails if {@code main} moved since it was read (locally: JGit's packed-refs transaction under
 * lock files; remotely: an atomic push with the expected old id).
 */
final class MetaRepo implements AutoCloseable {
    static final String MAIN = "refs/heads/main";
    private static final Map<Path, ReentrantLock> JVM_LOCKS = new ConcurrentHashMap<>();

    private final Repository repo;
    private final Path lockFile;
    private final String remoteUrl;
    private final CredentialsProvider credentials;

    private MetaRepo(Repository repo, Path lockFile, String remoteUrl, CredentialsProvider credentials) {
        this.repo = repo;
        this.lockFile = lockFile;
        this.remoteUrl = remoteUrl;
        this.credentials = credentials;
    }

    /** Opens (creating if absent) the bare repository {@code gitDir}; {@code remoteUrl} non-null makes it a cache of that remote. */
    static MetaRepo open(Path gitDir, String remoteUrl, CredentialsProvider credentials) {
        try {
            if (!Files.isRegularFile(gitDir.resolve("HEAD"))) {
                createAtomically(gitDir);
            }
            Repository repo = new FileRepositoryBuilder().setGitDir(gitDir.toFile()).setMustExist(true).build();
            return new MetaRepo(repo, gitDir.resolveSibling(gitDir.getFileName() + ".lock-owner"), remoteUrl, credentials);
        } catch (IOException e) {
            throw new InfrastructureException("cannot open the registry's metadata repository " + gitDir + ": "
                    + e.getMessage() + ". Fix: check that the directory is writable and a Git repository", e);
        }
    }

    /** Creates the repository beside its final place and renames it in, so two creators never mix. */
    private static void createAtomically(Path gitDir) throws IOException {
        Files.createDirectories(gitDir.getParent());
        Path temp = gitDir.resolveSibling("." + gitDir.getFileName() + ".init-" + UUID.randomUUID());
        try (Repository fresh = new FileRepositoryBuilder().setGitDir(temp.toFile()).setBare().build()) {
            fresh.create(true);
            fresh.updateRef(Constants.HEAD).link(MAIN);
            var config = fresh.getConfig();
            config.setBoolean("core", null, "logAllRefUpdates", false);
            config.setBoolean("receive", null, "denyNonFastForwards", true);
            config.save();
        }
        try {
            Files.move(temp, gitDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // another process created it first; use theirs
            FileTrees.delete(temp);
            if (!Files.isRegularFile(gitDir.resolve("HEAD"))) {
                throw e;
            }
        }
    }

    boolean isRemote() {
        return remoteUrl != null;
    }

    String remoteUrl() {
        return remoteUrl;
    }

    Path gitDir() {
        return repo.getDirectory().toPath();
    }

    /** Brings the cache up to date with the remote (no-op for a local registry). */
    void fetch() {
        if (remoteUrl == null) {
            return;
        }
        try (Git git = Git.wrap(repo)) {
            withWriteLock(() -> {
                try {
                    return git.fetch().setRemote(remoteUrl).setCredentialsProvider(credentials)
                            .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                            .call();
                } catch (GitAPIException e) {
                    throw new IOException(e.getMessage(), e);
                }
            });
        } catch (IOException | RuntimeException e) {
            throw new InfrastructureException("cannot fetch the registry from " + remoteUrl + ": " + e.getMessage()
                    + ". Fix: check the URL, the network and the credentials", e);
        }
    }

    /** The registry as of the current {@code main} (empty before the first change). */
    Snapshot snapshot() {
        try {
            Ref ref = repo.exactRef(MAIN);
            if (ref == null || ref.getObjectId() == null) {
                return new Snapshot(repo, null, null);
            }
            try (RevWalk walk = new RevWalk(repo)) {
                RevCommit commit = walk.parseCommit(ref.getObjectId());
                return new Snapshot(repo, commit.getId(), commit.getTree().getId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the registry's metadata: " + e.getMessage(), e);
        }
    }

    /** The commit an annotated or light tag points at, if the tag exists. */
    Optional<ObjectId> tagTarget(String tagName) {
        try {
            Ref ref = repo.exactRef(Constants.R_TAGS + tagName);
            if (ref == null) {
                return Optional.empty();
            }
            Ref peeled = repo.getRefDatabase().peel(ref);
            return Optional.of(peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tag " + tagName + ": " + e.getMessage(), e);
        }
    }

    /** The oldest commit on {@code main} that changed {@code path} (for a version record: the commit that published it). */
    Optional<ObjectId> firstCommitTouching(String path) {
        try (Git git = Git.wrap(repo)) {
            ObjectId main = repo.resolve(MAIN);
            if (main == null) {
                return Optional.empty();
            }
            RevCommit oldest = null;
            for (RevCommit c : git.log().add(main).addPath(path).call()) {
                oldest = c;
            }
            return Optional.ofNullable(oldest).map(RevCommit::getId);
        } catch (IOException | GitAPIException e) {
            throw new InfrastructureException("cannot read the history of " + path + ": " + e.getMessage(), e);
        }
    }

    List<String> tagNames() {
        try {
            return repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS).stream()
                    .map(r -> r.getName().substring(Constants.R_TAGS.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tag to create with a change: on the change's own commit ({@code target == null}) or on an older one. */
    record TagSpec(String name, String message, ObjectId target) {
    }

    /** The outcome of one compare-and-swap: the new commit, or {@code null} when {@code main} had moved. */
    record Outcome(ObjectId commit, String why) {
        boolean committed() {
            return commit != null;
        }
    }

    /**
     * Writes {@code files} (path to bytes) on top of {@code base} as one commit and moves {@code main}
     * to it, with {@code tags}, in one transaction that succeeds only if {@code main} is still
     * {@code base}. Objects written by a failed attempt are unreferenced and harmless.
     */
    Outcome commit(Snapshot base, Map<String, byte[]> files, String message, PersonIdent author, List<TagSpec> tags) {
        try (ObjectInserter inserter = repo.newObjectInserter(); ObjectReader reader = repo.newObjectReader()) {
            DirCache index = DirCache.newInCore();
            DirCacheBuilder builder = index.builder();
            if (base.tree() != null) {
                builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, base.tree());
            }
            builder.finish();
            DirCacheEditor editor = index.editor();
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ObjectId blob = inserter.insert(Constants.OBJ_BLOB, file.getValue());
                editor.add(new DirCacheEditor.PathEdit(file.getKey()) {
                    @Override
                    public void apply(DirCacheEntry entry) {
                        entry.setFileMode(FileMode.REGULAR_FILE);
                        entry.setObjectId(blob);
                    }
                });
            }
            editor.finish();
            ObjectId tree = index.writeTree(inserter);
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(tree);
            if (base.commit() != null) {
                commit.setParentId(base.commit());
            }
            PersonIdent committer = new PersonIdent("mlops registry", "registry@mlops.invalid");
            commit.setAuthor(author == null ? committer : author);
            commit.setCommitter(committer);
            commit.setMessage(message);
            ObjectId commitId = inserter.insert(commit);
            List<ReceiveCommand> commands = new ArrayList<>();
            ObjectId old = base.commit() == null ? ObjectId.zeroId() : base.commit();
            commands.add(new ReceiveCommand(old, commitId, MAIN,
                    base.commit() == null ? ReceiveCommand.Type.CREATE : ReceiveCommand.Type.UPDATE));
            for (TagSpec tag : tags) {
                TagBuilder tb = new TagBuilder();
                tb.setTag(tag.name());
                tb.setObjectId(tag.target() == null ? commitId : tag.target(), Constants.OBJ_COMMIT);
                tb.setTagger(author == null ? committer : author);
                tb.setMessage(tag.message());
                ObjectId tagId = inserter.insert(tb);
                commands.add(new ReceiveCommand(ObjectId.zeroId(), tagId, Constants.R_TAGS + tag.name(),
                        ReceiveCommand.Type.CREATE));
            }
            inserter.flush();
            return remoteUrl == null ? applyLocally(commands, commitId) : push(commands, commitId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the registry's metadata: " + e.getMessage(), e);
        }
    }

    private Outcome applyLocally(List<ReceiveCommand> commands, ObjectId commitId) throws IOException {
        return withWriteLock(() -> {
            BatchRefUpdate batch = repo.getRefDatabase().newBatchUpdate();
            batch.setAtomic(true);
            batch.disableRefLog();
            batch.addCommand(commands);
            try (RevWalk walk = new RevWalk(repo)) {
                batch.execute(walk, NullProgressMonitor.INSTANCE);
            }
            for (ReceiveCommand c : commands) {
                if (c.getResult() != ReceiveCommand.Result.OK) {
                    return new Outcome(null, c.getRefName() + ": " + c.getResult()
                            + (c.getMessage() == null ? "" : " " + c.getMessage()));
                }
            }
            return new Outcome(commitId, null);
        });
    }

    private Outcome push(List<ReceiveCommand> commands, ObjectId commitId) throws IOException {
        return withWriteLock(() -> {
            List<RemoteRefUpdate> updates = new ArrayList<>();
            for (ReceiveCommand c : commands) {
                updates.add(new RemoteRefUpdate(repo, (String) null, c.getNewId(), c.getRefName(), false, null,
                        c.getOldId()));
            }
            try (Transport transport = Transport.open(repo, new URIish(remoteUrl))) {
                transport.setCredentialsProvider(credentials);
                transport.setPushAtomic(true);
                PushResult result = transport.push(NullProgressMonitor.INSTANCE, updates);
                Collection<RemoteRefUpdate> statuses = result.getRemoteUpdates();
                for (RemoteRefUpdate u : statuses) {
                    if (u.getStatus() != RemoteRefUpdate.Status.OK) {
                        return new Outcome(null, u.getRemoteName() + ": " + u.getStatus()
                                + (u.getMessage() == null ? "" : " " + u.getMessage()));
                    }
                }
            } catch (java.net.URISyntaxException e) {
                throw new InfrastructureException("'" + remoteUrl + "' is not a Git URL: " + e.getMessage(), e);
            } catch (org.eclipse.jgit.errors.TransportException e) {
                throw new InfrastructureException("cannot push to the registry " + remoteUrl + ": " + e.getMessage()
                        + ". Fix: check the URL, the network and the credentials", e);
            }
            // mirror what the remote now holds, so the next read needs no fetch
            BatchRefUpdate local = repo.getRefDatabase().newBatchUpdate();
            local.setAtomic(true);
            local.disableRefLog();
            local.setAllowNonFastForwards(true);
            for (ReceiveCommand c : commands) {
                Ref now = repo.exactRef(c.getRefName());
                ObjectId current = now == null ? ObjectId.zeroId() : now.getObjectId();
                local.addCommand(new ReceiveCommand(current, c.getNewId(), c.getRefName()));
            }
            try (RevWalk walk = new RevWalk(repo)) {
                local.execute(walk, NullProgressMonitor.INSTANCE);
            }
            return new Outcome(commitId, null);
        });
    }

    /** What a write does while holding the lock. */
    @FunctionalInterface
    interface LockedWork<T> {
        T run() throws IOException;
    }

    /**
     * Serializes ref transactions of this machine: a JVM lock for threads, an OS file lock for
     * processes. The OS drops the file lock when its holder dies (even by SIGKILL), so a Git lock
     * file found while holding it was left by a dead writer and is removed.
     */
    <T> T withWriteLock(LockedWork<T> work) throws IOException {
        ReentrantLock jvmLock = JVM_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
        jvmLock.lock();
        try {
            if (jvmLock.getHoldCount() > 1) {
                return work.run(); // this thread holds the file lock already
            }
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                removeStaleGitLocks();
                return work.run();
            }
        } finally {
            jvmLock.unlock();
        }
    }

    private void removeStaleGitLocks() throws IOException {
        Path dir = gitDir();
        Files.deleteIfExists(dir.resolve("packed-refs.lock"));
        Path refs = dir.resolve("refs");
        if (Files.isDirectory(refs)) {
            try (Stream<Path> walk = Files.walk(refs)) {
                for (Path p : walk.filter(p -> p.getFileName().toString().endsWith(".lock")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Override
    public void close() {
        repo.close();
    }

    /** One state of the registry: reads files of one commit's tree. */
    record Snapshot(Repository repo, ObjectId commit, ObjectId tree) {
        boolean isEmpty() {
            return tree == null;
        }

        Optional<byte[]> read(String path) {
            if (tree == null) {
                return Optional.empty();
            }
            try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
                if (walk == null) {
                    return Optional.empty();
                }
                return Optional.of(reader.open(walk.getObjectId(0)).getBytes(Integer.MAX_VALUE - 16));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + " from the registry: " + e.getMessage(), e);
            }
        }

        /** The Git object id of the file at {@code path} (identifies its content), if present. */
        Optional<ObjectId> blobId(String path) {
            if (tree == null) {
                return Optional.empty();
            }
            try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = TreeWalk.forPath(reader, path, tree)) {
                return walk == null ? Optional.empty() : Optional.of(walk.getObjectId(0));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + " from the registry: " + e.getMessage(), e);
            }
        }

        Optional<byte[]> readBlob(ObjectId id) {
            try (ObjectReader reader = repo.newObjectReader()) {
                return Optional.of(reader.open(id).getBytes(Integer.MAX_VALUE - 16));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read object " + id.name() + " of the registry: " + e.getMessage(), e);
            }
        }

        /** Names of the entries directly under {@code dir}. */
        List<String> list(String dir) {
            List<String> names = new ArrayList<>();
            if (tree == null) {
                return names;
            }
            try (ObjectReader reader = repo.newObjectReader(); TreeWalk walk = TreeWalk.forPath(reader, dir, tree)) {
                if (walk == null || !walk.isSubtree()) {
                    return names;
                }
                try (TreeWalk children = new TreeWalk(reader)) {
                    children.addTree(walk.getObjectId(0));
                    while (children.next()) {
                        names.add(children.getNameString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir + " in the registry: " + e.getMessage(), e);
            }
            return names;
        }
    }
}
