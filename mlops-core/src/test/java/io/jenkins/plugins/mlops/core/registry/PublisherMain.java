package io.jenkins.plugins.mlops.core.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * A separate publisher process for the concurrency and SIGKILL tests:
 * {@code PublisherMain REGISTRY MODEL WORKDIR COUNT [GOFILE]} publishes one warm-up version of model
 * "warmup", prints "ready", waits for GOFILE to exist (so all processes start together), then publishes COUNT versions of MODEL, each a fresh file
 * of random size, printing "published VERSION" after each.
 */
public final class PublisherMain {
    private PublisherMain() {
    }

    public static void main(String[] args) throws Exception {
        Path registry = Path.of(args[0]);
        String model = args[1];
        Path work = Path.of(args[2]);
        int count = Integer.parseInt(args[3]);
        Files.createDirectories(work);
        Random random = new Random();
        try (Registry reg = Registry.openLocal(registry)) {
            // warm up the publish path (class loading, JIT) on a side model, so kills land mid-publish
            Path warm = work.resolve("warmup.bin");
            Files.writeString(warm, "warm-up " + ProcessHandle.current().pid());
            reg.publish(PublishRequest.of("warmup", warm, null, Actor.user("warmup")));
            System.out.println("ready");
            System.out.flush();
            if (args.length > 4) {
                Path go = Path.of(args[4]);
                while (!Files.exists(go)) {
                    Thread.sleep(2);
                }
            }
            for (int i = 0; i < count; i++) {
                byte[] content = new byte[1 + random.nextInt(512 << 10)];
                random.nextBytes(content);
                Path file = work.resolve("model-" + i + ".bin");
                Files.write(file, content);
                PublishResult r = reg.publish(PublishRequest.of(model, file, null,
                        new Actor("proc-" + ProcessHandle.current().pid(), "concurrency", i)));
                System.out.println("published " + r.version() + " attempts=" + r.attempts());
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
