package io.jenkins.plugins.mlops.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.mlops.core.io.Hashing;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The blob store keeps exactly the bytes it was given, even on a busy machine. */
public class BlobStoreTest {
    private static final int MIB = 1 << 20;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /**
     * The acceptance line of issue 16: publishes of 48 MiB files on a machine whose CPUs are
     * busy used to store two 4 MiB chunks swapped under the source's hash (3 in 14 were hit).
     */
    @Test
    public void twentyPublishesOf48MiBUnderTwoBusyCpuLoopsStoreExactlyTheSourceBytes() throws Exception {
        Path root = tmp.newFolder("reg").toPath();
        Path model = tmp.newFolder("m").toPath().resolve("model.bin");
        byte[] content = new byte[48 * MIB];
        new Random(16).nextBytes(content);
        Files.write(model, content);
        Map<String, Long> roundByHash = new HashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> busy = busyLoops(2, stop);
        long t0 = System.nanoTime();
        try (Registry reg = Registry.openLocal(root)) {
            for (long round = 0; round < 20; round++) {
                // a different model each time: its first 8 bytes are the round number, the rest random
                try (FileChannel out = FileChannel.open(model, StandardOpenOption.WRITE)) {
                    out.write(ByteBuffer.allocate(8).putLong(0, round), 0);
                }
                PublishResult r = reg.publish(PublishRequest.of("big", model, null, Actor.user("ci")));
                assertThat(r.files()).singleElement().satisfies(f -> assertThat(f.bytes()).isEqualTo(48L * MIB));
                roundByHash.put(r.files().get(0).sha256(), round);
            }
        } finally {
            stop.set(true);
            for (Thread t : busy) {
                t.join();
            }
        }
        List<Path> stored;
        try (Stream<Path> walk = Files.walk(root.resolve("blobs/sha256"))) {
            stored = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(stored).hasSize(20);
        List<String> wrong = new ArrayList<>();
        for (Path blob : stored) {
            String name = blob.getFileName().toString();
            String actual = Hashing.sha256(blob);
            if (!actual.equals(name)) {
                wrong.add(name + " holds bytes hashing to " + actual);
            }
            // and the bytes are the source's, byte for byte (the hash recorded is the source's too)
            assertThat(roundByHash).containsKey(name);
            ByteBuffer.wrap(content).putLong(0, roundByHash.get(name));
            if (!java.util.Arrays.equals(Files.readAllBytes(blob), content)) {
                wrong.add(name + " (round " + roundByHash.get(name) + ") differs from the file published");
            }
        }
        assertThat(wrong).as("blobs whose bytes do not match").isEmpty();
        System.out.printf("20 publishes of 48 MiB under 2 busy loops, rehashed: %d ms%n",
                (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    public void aCopyThatReadsBackDifferentFromTheSourceIsRefusedAndNothingIsStored() throws Exception {
        for (int size : new int[] {1000, 12 * MIB}) { // the small-file path and the chunked one
            BlobStore blobs = new BlobStore(tmp.newFolder().toPath());
            Path source = randomFile(size, size);
            blobs.afterWrite(BlobStoreTest::flipLastByte); // the disk returns other bytes than were written
            assertThatThrownBy(() -> blobs.put(source, "model.bin"))
                    .isInstanceOf(CorruptBlobException.class)
                    .hasMessageContaining("reads back as")
                    .hasMessageContaining(Hashing.sha256(source))
                    .hasMessageContaining("nothing was stored");
            assertThat(blobs.contains(Hashing.sha256(source))).isFalse();
            assertThat(filesUnder(blobs.root())).as("size %d", size).isEmpty();
        }
    }

    @Test
    public void aStoredBlobDamagedOnDiskIsReplacedWhenTheSameBytesArePutAgain() throws Exception {
        for (int size : new int[] {1000, 12 * MIB}) { // the small-file path and the chunked one
            BlobStore blobs = new BlobStore(tmp.newFolder().toPath());
            Path source = randomFile(size, size + 1);
            BlobRef ref = blobs.put(source, "model.bin");
            Path stored = blobs.pathOf(ref.sha256());
            flipLastByte(stored); // same size, other bytes: what a size check cannot see
            assertThatThrownBy(() -> blobs.verify(ref.sha256(), "model.bin")).isInstanceOf(CorruptBlobException.class);
            assertThat(blobs.put(source, "model.bin")).isEqualTo(ref);
            assertThat(Hashing.sha256(stored)).as("size %d", size).isEqualTo(ref.sha256());
            blobs.verify(ref.sha256(), "model.bin");
        }
    }

    private Path randomFile(int size, long seed) throws Exception {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        Path f = tmp.newFolder().toPath().resolve("model.bin");
        Files.write(f, content);
        return f;
    }

    private static void flipLastByte(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, ch.size() - 1);
            b.put(0, (byte) (b.get(0) ^ 0x5a)).rewind();
            ch.write(b, ch.size() - 1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Path> filesUnder(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** Threads that keep a CPU each busy until {@code stop} is set. */
    static List<Thread> busyLoops(int n, AtomicBoolean stop) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                long x = 1;
                while (!stop.get()) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
                if (x == 42) {
                    System.out.print("");   // keeps the loop from being optimised away
                }
            }, "busy-loop-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }
}
