package io.jenkins.plugins.mlops.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.TemplateEngine;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.Test;

/**
 * Templates render whatever the thread's context class loader is. In Jenkins, core's classes live in
 * the plugin's class loader while request threads carry the web application's, which cannot see
 * them; the ML Run page rendered empty when the templates were looked up through it.
 */
public class TemplatesClassLoaderTest {

    @Test
    public void aTemplateRendersWhenTheContextClassLoaderCannotSeeCoresClasses() throws Exception {
        // core and JTE in a class loader of their own (a plugin's), so Templates is initialised afresh
        URL core = Templates.class.getProtectionDomain().getCodeSource().getLocation();
        URL jte = TemplateEngine.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader blind = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        try (URLClassLoader plugin = new URLClassLoader(new URL[] {core, jte}, ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(blind);
            Class<?> templates = Class.forName(Templates.class.getName(), true, plugin);
            assertThat(templates.getClassLoader()).isSameAs(plugin);
            Method render = templates.getMethod("render", String.class, Object.class);

            String html = (String) render.invoke(null, "compare/search-message.jte", "<no runs>");

            assertThat(html).contains("<p class=\"mlops-message mlops-search-message\">&lt;no runs&gt;</p>");
            assertThat(thread.getContextClassLoader()).as("the context class loader is left as it was").isSameAs(blind);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
