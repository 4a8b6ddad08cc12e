package io.jenkins.plugins.mlops.core.notebook;

import java.io.Serializable;
import java.util.Map;

/**
 * What to smoke-test and how.
 *
 * @param notebook       the .ipynb file, relative to {@code workspace}
 * @param workspace      the directory paths are relative to; the notebook's folder is the sandbox's
 *                       working directory (writable, as with {@code jupyter nbconvert --execute})
 * @param parameters     values for the cell tagged {@code parameters}, as papermill's {@code -p NAME VALUE}
 * @param metricsFile    a metrics file the notebook writes (relative to the notebook's folder; .json,
 *                       .jsonl or .csv as {@code mlops track -m}), or null
 * @param timeoutSeconds the budget for the whole notebook
 * @param memoryMb       the sandbox's memory limit
 * @param python         the Python that runs it (inside the sandbox: only /usr is visible)
 */
public record NotebookRequest(String notebook, String workspace, Map<String, String> parameters, String metricsFile,
                              int timeoutSeconds, int memoryMb, double cpus, String python) implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int DEFAULT_TIMEOUT_SECONDS = 600;
    public static final int DEFAULT_MEMORY_MB = 1024;
    public static final String DEFAULT_PYTHON = "/usr/bin/python3";

    public NotebookRequest {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
        timeoutSeconds = timeoutSeconds <= 0 ? DEFAULT_TIMEOUT_SECONDS : timeoutSeconds;
        memoryMb = memoryMb <= 0 ? DEFAULT_MEMORY_MB : memoryMb;
        cpus = cpus <= 0 ? 1 : cpus;
        python = python == null || python.isBlank() ? DEFAULT_PYTHON : python;
    }

    public static NotebookRequest of(String notebook, String workspace) {
        return new NotebookRequest(notebook, workspace, Map.of(), null, 0, 0, 0, null);
    }
}
