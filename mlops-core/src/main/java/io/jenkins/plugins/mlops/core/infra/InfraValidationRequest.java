package io.jenkins.plugins.mlops.core.infra;

import java.io.Serializable;

/**
 * What a front end asks for. Paths are strings (this record crosses Jenkins's remoting channel);
 * relative ones are resolved inside {@code workspace}, and so are all paths written in the spec.
 *
 * @param specFile  the infra spec (YAML or JSON)
 * @param modelDir  overrides the spec's modelDir when not null (e.g. the model this build trained)
 * @param workspace the directory the spec's paths are relative to (the job workspace, the CLI's cwd)
 * @param defaultBackend the sandbox backend for a spec that names none (a site-wide setting), or null for {@code auto}
 */
public record InfraValidationRequest(String specFile, String modelDir, String workspace, String defaultBackend)
        implements Serializable {
    public InfraValidationRequest(String specFile, String modelDir, String workspace) {
        this(specFile, modelDir, workspace, null);
    }
}
