package io.jenkins.plugins.mlops.credentials;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.security.ACL;
import io.jenkins.plugins.mlops.MlopsMessages;
import io.jenkins.plugins.mlops.config.RegistryCredentials;
import io.jenkins.plugins.mlops.core.error.BadInputException;
import java.util.Collections;
import jenkins.model.Jenkins;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The global configuration's {@code credentialsId}, resolved through the Credentials plugin to
 * JGit credentials for a remote registry: a username with password, or a secret text (a token,
 * sent as the password of user {@value #TOKEN_USER}). Only global credentials of Jenkins itself
 * are looked up (as SYSTEM: the id is set by an administrator), on the controller.
 *
 * <p>Compiled only by the real build ({@code pom-jenkins.xml} adds {@code src/jenkins/java}):
 * the Credentials plugin's types are not in the stubs' signature list. Registered for
 * {@link java.util.ServiceLoader} in {@code src/jenkins/resources/META-INF/services}.
 */
public final class CredentialsPluginRegistryCredentials implements RegistryCredentials {
    /** The user name sent with a secret-text token (Git hosts ignore it or accept any). */
    static final String TOKEN_USER = "x-token";

    @Override
    public org.eclipse.jgit.transport.CredentialsProvider forId(String credentialsId) {
        StandardCredentials found = CredentialsMatchers.firstOrNull(
                CredentialsProvider.lookupCredentialsInItemGroup(StandardCredentials.class, Jenkins.get(), ACL.SYSTEM2,
                        Collections.emptyList()),
                CredentialsMatchers.withId(credentialsId));
        if (found instanceof StandardUsernamePasswordCredentials up) {
            return new UsernamePasswordCredentialsProvider(up.getUsername(), up.getPassword().getPlainText());
        }
        if (found instanceof StringCredentials token) {
            return new UsernamePasswordCredentialsProvider(TOKEN_USER, token.getSecret().getPlainText());
        }
        throw new BadInputException(MlopsMessages.GlobalConfiguration_CredentialsNotFound.text(credentialsId));
    }
}
