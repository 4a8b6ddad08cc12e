package io.jenkins.plugins.mlops.jenkinstests;

import java.util.Map;

/** config.xml of the job kinds the suite creates; every value is XML-escaped. */
public final class JobXml {
    private JobXml() {
    }

    /** A Pipeline job running {@code script} in the Groovy sandbox. */
    public static String inlinePipeline(String script) {
        return "<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition>\n"
                + "  <definition class='org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition'>\n"
                + "    <script>" + escape(script) + "</script>\n    <sandbox>true</sandbox>\n"
                + "  </definition>\n</flow-definition>\n";
    }

    /** The same with string parameters and their defaults (the script reads {@code params.NAME}). */
    public static String inlinePipeline(String script, Map<String, String> stringParameters) {
        StringBuilder xml = new StringBuilder("<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition>\n");
        appendParameters(xml, stringParameters);
        return xml.append("  <definition class='org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition'>\n")
                .append("    <script>").append(escape(script)).append("</script>\n    <sandbox>true</sandbox>\n")
                .append("  </definition>\n</flow-definition>\n").toString();
    }

    /**
     * A "Pipeline script from SCM" job: Git {@code repositoryUrl}, branch {@code branch}, the
     * Jenkinsfile at {@code scriptPath}; string parameters with their defaults when given.
     */
    public static String pipelineFromGit(String repositoryUrl, String branch, String scriptPath, Map<String, String> stringParameters) {
        StringBuilder xml = new StringBuilder("<?xml version='1.1' encoding='UTF-8'?>\n<flow-definition>\n");
        appendParameters(xml, stringParameters);
        xml.append("  <definition class='org.jenkinsci.plugins.workflow.cps.CpsScmFlowDefinition'>\n")
                .append("    <scm class='hudson.plugins.git.GitSCM'>\n")
                .append("      <configVersion>2</configVersion>\n")
                .append("      <userRemoteConfigs><hudson.plugins.git.UserRemoteConfig><url>").append(escape(repositoryUrl))
                .append("</url></hudson.plugins.git.UserRemoteConfig></userRemoteConfigs>\n")
                .append("      <branches><hudson.plugins.git.BranchSpec><name>").append(escape(branch))
                .append("</name></hudson.plugins.git.BranchSpec></branches>\n")
                .append("      <doGenerateSubmoduleConfigurations>false</doGenerateSubmoduleConfigurations>\n")
                .append("      <submoduleCfg class='empty-list'/>\n      <extensions/>\n")
                .append("    </scm>\n")
                .append("    <scriptPath>").append(escape(scriptPath)).append("</scriptPath>\n")
                .append("    <lightweight>false</lightweight>\n")
                .append("  </definition>\n</flow-definition>\n");
        return xml.toString();
    }

    private static void appendParameters(StringBuilder xml, Map<String, String> stringParameters) {
        if (!stringParameters.isEmpty()) {
            xml.append("  <properties>\n    <hudson.model.ParametersDefinitionProperty>\n      <parameterDefinitions>\n");
            stringParameters.forEach((name, value) -> xml.append("        <hudson.model.StringParameterDefinition><name>")
                    .append(escape(name)).append("</name><defaultValue>").append(escape(value))
                    .append("</defaultValue><trim>false</trim></hudson.model.StringParameterDefinition>\n"));
            xml.append("      </parameterDefinitions>\n    </hudson.model.ParametersDefinitionProperty>\n  </properties>\n");
        }
    }

    /**
     * A freestyle job tied to {@code label} whose build steps are {@code buildersXml} (each builder's
     * element as config.xml stores it, e.g. {@code <hudson.tasks.Shell><command>...</command></hudson.tasks.Shell>}).
     */
    public static String freestyle(String label, String buildersXml) {
        return "<?xml version='1.1' encoding='UTF-8'?>\n<project>\n"
                + "  <assignedNode>" + escape(label) + "</assignedNode>\n  <canRoam>false</canRoam>\n"
                + "  <builders>\n" + buildersXml + "  </builders>\n</project>\n";
    }

    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
