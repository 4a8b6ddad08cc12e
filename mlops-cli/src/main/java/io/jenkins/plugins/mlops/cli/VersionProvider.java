package io.jenkins.plugins.mlops.cli;

import picocli.CommandLine;

/** {@code mlops --version}: the version the jar was built as. */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = MlopsCommand.class.getPackage().getImplementationVersion();
        return new String[] {"mlops " + (version == null ? "development build" : version),
            "Java " + System.getProperty("java.version")};
    }
}
