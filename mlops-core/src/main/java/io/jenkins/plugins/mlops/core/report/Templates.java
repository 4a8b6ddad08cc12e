package io.jenkins.plugins.mlops.core.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * The one way HTML is made: JTE templates under {@code mlops-core/src/main/jte}, compiled at build
 * time, escaping every {@code ${...}} by its HTML context (text, attribute, URL). No page is built
 * by string concatenation.
 */
public final class Templates {
    private static final TemplateEngine ENGINE = createEngine();

    private Templates() {
    }

    /**
     * The engine that loads the precompiled template classes with core's own class loader. JTE's
     * precompiled loader without a class directory ignores the class loader it is given and keeps
     * the thread's context class loader of the moment it is created; in Jenkins that is the web
     * application's, which cannot see a plugin's classes ("Failed to load run/fragment.jte"). So
     * the context class loader is core's while the engine is made, whatever thread makes it.
     */
    private static TemplateEngine createEngine() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Templates.class.getClassLoader());
        try {
            return TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(),
                    "io.jenkins.plugins.mlops.core.report.templates");
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Renders {@code template} (a path under src/main/jte, e.g. {@code "compare/page.jte"}) with its
     * single {@code @param}.
     */
    public static String render(String template, Object model) {
        StringOutput out = new StringOutput(1 << 14);
        ENGINE.render(template, model, out);
        return out.toString();
    }

    /** {@code content} as an HTML string, for a page that is not a template (a Jenkins view). */
    public static String render(gg.jte.Content content) {
        StringOutput out = new StringOutput(1 << 14);
        content.writeTo(out);
        return out.toString();
    }

    /**
     * {@code template} rendered later, where a page includes it ({@code ${content}} in JTE writes a
     * {@link gg.jte.Content} as HTML). Sections made by other templates nest this way, never as
     * strings passed through {@code $unsafe}.
     */
    public static gg.jte.Content content(String template, Object model) {
        return output -> ENGINE.render(template, model, output);
    }
}
