package io.jenkins.plugins.mlops;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertSame;

import hudson.security.Permission;
import io.jenkins.plugins.casc.ConfigurationAsCode;
import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jenkins.model.Jenkins;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;

/**
 * The MLOps global configuration against a real Jenkins: the System page round-trips every field
 * and keeps it across a reload, docs/jenkins-configuration.md's JCasC sample applies, the form
 * checks answer administrators by POST only, and MLOps/Promote is a registered permission.
 */
public class GlobalConfigurationITest {
    @Rule
    public JenkinsRule j = new JenkinsRule();

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @Test
    public void theSystemPageRoundTripsEveryFieldAndKeepsItAcrossAReload() throws Exception {
        MlopsGlobalConfiguration config = MlopsGlobalConfiguration.get();
        config.setRegistry("/var/lib/mlops/registry");
        config.setCredentialsId("mlops-registry");
        config.setSandbox("bubblewrap");
        config.setPrometheusUrl("http://127.0.0.1:9090");
        config.setProtectedStages("production, shadow");

        j.configRoundtrip();
        config.load();

        assertEquals("/var/lib/mlops/registry", config.getRegistry());
        assertEquals("mlops-registry", config.getCredentialsId());
        assertEquals("bubblewrap", config.getSandbox());
        assertEquals("http://127.0.0.1:9090", config.getPrometheusUrl());
        assertEquals("production, shadow", config.getProtectedStages());
        assertEquals(java.util.Set.of("production", "shadow"), config.protectedStageNames());
    }

    @Test
    public void theDocumentedJcascSampleApplies() throws Exception {
        Path doc = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).getParent()
                .resolve("docs/jenkins-configuration.md");
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int start = text.indexOf("```yaml\n", text.indexOf("<!-- jcasc-sample -->")) + "```yaml\n".length();
        Path yaml = tmp.newFile("jenkins.yaml").toPath();
        Files.writeString(yaml, text.substring(start, text.indexOf("```", start)));

        ConfigurationAsCode.get().configure(yaml.toString());

        MlopsGlobalConfiguration config = MlopsGlobalConfiguration.get();
        assertEquals("https://git.example.com/ml/registry.git", config.getRegistry());
        assertEquals("mlops-registry", config.getCredentialsId());
        assertEquals("bubblewrap", config.getSandbox());
        assertEquals("http://prometheus.example.com:9090", config.getPrometheusUrl());
        assertEquals("production", config.getProtectedStages());
    }

    @Test
    public void formChecksAnswerAdministratorsByPostOnly() throws Exception {
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.READ).everywhere().to("reader")
                .grant(Jenkins.ADMINISTER).everywhere().to("admin"));
        URL check = new URL(j.getURL(), "descriptorByName/" + MlopsGlobalConfiguration.class.getName()
                + "/checkRegistry?value=relative/dir");

        JenkinsRule.WebClient reader = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("reader");
        WebRequest post = new WebRequest(check, HttpMethod.POST);
        reader.addCrumb(post);
        assertEquals(403, reader.getPage(post).getWebResponse().getStatusCode());

        JenkinsRule.WebClient admin = j.createWebClient().withThrowExceptionOnFailingStatusCode(false).login("admin");
        assertEquals(405, admin.getPage(new WebRequest(check, HttpMethod.GET)).getWebResponse().getStatusCode());
        WebRequest adminPost = new WebRequest(check, HttpMethod.POST);
        admin.addCrumb(adminPost);
        org.hamcrest.MatcherAssert.assertThat(admin.getPage(adminPost).getWebResponse().getContentAsString(),
                org.hamcrest.Matchers.containsString("absolute"));
    }

    @Test
    public void promoteIsARegisteredPermissionOfTheMlopsGroup() {
        Permission promote = Permission.fromId("io.jenkins.plugins.mlops.MlopsPermissions.Promote");
        assertNotNull(promote);
        assertSame(MlopsPermissions.PROMOTE, promote);
        assertEquals("MLOps", MlopsPermissions.GROUP.title.toString());
        assertEquals("Promote", promote.name);
    }
}
