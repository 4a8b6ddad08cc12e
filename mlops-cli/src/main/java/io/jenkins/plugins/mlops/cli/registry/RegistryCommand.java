package io.jenkins.plugins.mlops.cli.registry;

import picocli.CommandLine.Command;

/** {@code mlops registry}: list, show, lineage, diff, download, stage, policy, html, verify, gc, watch. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Query the model registry and move versions between stages.",
        subcommands = {
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
            RegistryWatchCommand.class
        })
public final class RegistryCommand {
}
