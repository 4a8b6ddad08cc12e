package io.jenkins.plugins.mlops.core.infra;

import java.util.List;

/** {@code ${PORT}} and {@code ${MODEL_DIR}} in the server command, as each backend sees them. */
final class Placeholders {
    private Placeholders() {
    }

    static List<String> apply(List<String> command, String port, String modelDir) {
        return command.stream().map(a -> a.replace("${PORT}", port).replace("${MODEL_DIR}", modelDir)).toList();
    }
}
