package io.jenkins.plugins.mlops.core.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Independent checks that a sandbox left nothing behind: processes, sockets, cgroups, temp dirs. */
public final class Leftover {
    private Leftover() {
    }

    public static void assertNothingLeft(InfraValidationResult result) throws IOException {
        String id = result.sandboxId();
        assertThat(Leftovers.processes(id)).as("processes of sandbox %s", id).isEmpty();
        try (Stream<Path> paths = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(paths.filter(p -> p.getFileName().toString().startsWith(id)).toList())
                    .as("work directories, socket files and logs of %s", id).isEmpty();
        }
        for (String controller : List.of("memory", "cpu", "pids")) {
            // where the validator creates its groups: beside this JVM's own group in each controller
            Path group = CgroupLimits.ownGroup(controller).resolve(id);
            assertThat(group).as("cgroup %s", group).doesNotExist();
        }
        assertThat(result.teardown().leftovers()).isEmpty();
        assertThat(LiveSandboxes.count()).as("sandboxes still registered for teardown").isZero();
    }
}
