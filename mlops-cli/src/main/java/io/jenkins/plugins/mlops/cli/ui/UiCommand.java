package io.jenkins.plugins.mlops.cli.ui;

import io.jenkins.plugins.mlops.cli.StoreOption;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.InfrastructureException;
import io.jenkins.plugins.mlops.core.registry.Registry;
import io.jenkins.plugins.mlops.core.track.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mlops ui}: browse the store's runs in a browser (read-only, loopback by default). */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Serve the run, comparison, diff, rollout and registry pages over the store, read-only (docs/ui.md).")
public final class UiCommand implements Callable<Integer> {
    @Mixin
    StoreOption store;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8765",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; the UI has no login).")
    String bind;

    @Option(names = "--registry", paramLabel = "DIR",
            description = "Model registry directory for the registry pages (default: $MLOPS_REGISTRY when it is a directory, "
                    + "else STORE/registry when it exists).")
    Path registry;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw BadInputException.at("--port", 0, "port " + port + " is out of range", "give 0..65535 (0 = any free port)");
        }
        RunStore runs = store.open();
        if (!Files.isDirectory(runs.root())) {
            throw BadInputException.at(runs.root(), 0, "no run store here", "give --store DIR or record a run with 'mlops track'");
        }
        Path registryDir = registry(runs.root(), System.getenv());
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (IOException e) {
            throw BadInputException.at("--bind", 0, "'" + bind + "' is not an address", "give an IP address such as 127.0.0.1");
        }
        UiServer server;
        try {
            server = UiServer.start(address.getHostAddress(), port, runs, registryDir);
        } catch (IOException e) {
            throw new InfrastructureException("cannot listen on " + bind + ":" + port + ": " + e.getMessage()
                    + " (is the port in use? try --port 0)", e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("mlops ui: serving " + runs.root() + " at " + server.url() + " (read-only; Ctrl-C to stop)");
        out.println(registryDir == null ? "registry: none (give --registry DIR for the registry pages)"
                : "registry: " + registryDir + " (pages under " + server.url() + "registry)");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(stopped::countDown, "mlops-ui-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook has run
            }
        }
        return 0;
    }

    /**
     * The registry the pages show, resolved as the registry commands resolve it for a local
     * directory: {@code --registry DIR}, else {@code $MLOPS_REGISTRY} when it names a directory,
     * else {@code STORE/registry}. A named registry must exist; a default one that does not exist
     * (nothing published yet) means no registry pages. A Git URL is not served (read its local copy).
     */
    Path registry(Path storeRoot, Map<String, String> env) {
        if (registry != null) {
            if (!Files.isDirectory(registry)) {
                throw BadInputException.at(registry, 0, "the registry directory does not exist", "give --registry an existing directory");
            }
            if (!isRegistry(registry)) {
                throw BadInputException.at(registry, 0, "this directory is not a model registry (it has no meta.git)",
                        "give the directory 'mlops publish --registry DIR' published to");
            }
            return registry.toAbsolutePath().normalize();
        }
        String fromEnv = env.get(Registry.ENV_REGISTRY);
        if (fromEnv != null && !fromEnv.isBlank() && !Registry.isRemote(fromEnv)) {
            Path dir = Path.of(fromEnv);
            return isRegistry(dir) ? dir.toAbsolutePath().normalize() : null;
        }
        Path local = storeRoot.resolve("registry");
        return isRegistry(local) ? local.toAbsolutePath().normalize() : null;
    }

    /** A local registry has its metadata repository at {@code DIR/meta.git}. */
    static boolean isRegistry(Path dir) {
        return Files.isRegularFile(dir.resolve("meta.git").resolve("HEAD"));
    }
}
