package io.jenkins.plugins.mlops.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import io.jenkins.plugins.mlops.core.error.ExitCode;
import io.jenkins.plugins.mlops.core.error.MlopsException;
import io.jenkins.plugins.mlops.core.io.SafePaths;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * The agent's half of {@code mlPublish}: finds the model where the workspace is and refuses a
 * path that leaves it (absolute, {@code ..}, a link pointing out), so only files of the workspace
 * are copied to the controller, where the registry is. Answers the normalized relative path and
 * whether it is a directory ({@link Located}, as JSON in an {@link AgentOutcome}).
 */
public final class PublishOnAgent extends MasterToSlaveFileCallable<AgentOutcome> {
    private static final long serialVersionUID = 1L;

    private final String path;

    public PublishOnAgent(String path) {
        this.path = path;
    }

    /** Where the model is, relative to the workspace ('/' separators). */
    public record Located(String path, boolean directory) {
    }

    @Override
    public AgentOutcome invoke(File workspace, VirtualChannel channel) {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        try {
            Path model = SafePaths.resolveInside(root, path, "path");
            if (Files.isSymbolicLink(model)) {
                throw new BadInputException(MlopsMessages.PublishStep_PathIsLink.text(path));
            }
            boolean directory = Files.isDirectory(model, LinkOption.NOFOLLOW_LINKS);
            if (!directory && !Files.isRegularFile(model, LinkOption.NOFOLLOW_LINKS)) {
                throw new BadInputException(MlopsMessages.PublishStep_PathMissing.text(path, root));
            }
            String relative = root.relativize(model).toString().replace(File.separatorChar, '/');
            if (relative.isEmpty()) {
                throw new BadInputException(MlopsMessages.PublishStep_PathIsWorkspace.text());
            }
            return AgentOutcome.ok(io.jenkins.plugins.mlops.core.io.Json.mapper().writeValueAsString(
                    new Located(relative, directory)));
        } catch (MlopsException e) {
            return AgentOutcome.failed(e.getMessage(), e.exitCode().code());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return AgentOutcome.failed(e.getMessage(), ExitCode.INFRASTRUCTURE.code());
        }
    }
}
