package io.jenkins.plugins.mlops.cli.registry;

import java.util.List;
import picocli.CommandLine.Command;

/** {@code mlops registry}: list, show, lineage, diff, download, stage, policy, html, verify, gc, watch. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Query the model registry and move versions between stages.")
public final class RegistryCommand {
    /**
     * The subcommands, in the order help lists them. Not in the annotation: picocli would reflect over all of
     * them on every run; MlopsCommand adds only the one a command line names (all for help).
     */
    public static final List<Class<?>> SUBCOMMANDS = List.of(
            RegistryListCommand.class,
            RegistryShowCommand.class,
            RegistryLineageCommand.class,
            RegistryDiffCommand.class,
            RegistryDownloadCommand.class,
            RegistryStageCommand.class,
            RegistryPolicyCommand.class,
            RegistryHtmlCommand.class,
            RegistryVerifyCommand.class,
            RegistryGcCommand.class,
            RegistryWatchCommand.class);
}
