package io.jenkins.plugins.mlops.config;

import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.ServiceLoader;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * Resolves the global configuration's {@code credentialsId} to JGit credentials for a remote
 * registry. The one implementation uses the Credentials plugin, whose types are not in the stubs'
 * signature list; it lives in {@code src/jenkins/java} and is compiled only by the real build
 * ({@code pom-jenkins.xml}, build-helper add-source), and found here through
 * {@link ServiceLoader} ({@code src/jenkins/resources/META-INF/services}). The credentials are
 * read on the controller and never sent to an agent.
 */
public interface RegistryCredentials {
    /**
     * @return JGit credentials for {@code credentialsId} (a username with password, or a secret text used as a token)
     * @throws BadInputException when no such credentials exist in Jenkins's global domain
     */
    CredentialsProvider forId(String credentialsId);

    /** Looks {@code credentialsId} up through the installed implementation. */
    static CredentialsProvider lookup(String credentialsId) {
        for (RegistryCredentials impl : ServiceLoader.load(RegistryCredentials.class,
                RegistryCredentials.class.getClassLoader())) {
            return impl.forId(credentialsId);
        }
        throw new BadInputException(MlopsMessages.GlobalConfiguration_NoCredentialsLookup.text(credentialsId));
    }
}
