package io.jenkins.plugins.mlops;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Every user-facing string of the Java glue, read from {@code Messages.properties} in this
 * package. Hand-written, and used by both builds: Jenkins's localizer generates a {@code Messages}
 * class of this shape from the same file, but its runtime ({@code org.jvnet.localizer}) is not on
 * Maven Central, so the default build could not compile against a generated one. The real build
 * ({@code pom-jenkins.xml}) still runs the plugin parent's localizer, which generates
 * {@code io.jenkins.plugins.mlops.Messages} beside this class; the glue does not call it, and the
 * different name means the two can never clash. {@code MlopsMessagesTest} keeps this class and the
 * file in step (one method per key, named and with the arity the localizer would give it).
 */
public final class MlopsMessages {
    private static final String BUNDLE = "io.jenkins.plugins.mlops.Messages";

    private MlopsMessages() {
    }

    static String format(String key, Object... args) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), MlopsMessages.class.getClassLoader());
        return new MessageFormat(bundle.getString(key), Locale.getDefault()).format(args);
    }

    public static String TrackStep_DisplayName() {
        return format("TrackStep.DisplayName");
    }

    public static String TrackStep_Recorded(Object run, Object experiment, Object params, Object metrics,
                                            Object datasets, Object artifacts) {
        return format("TrackStep.Recorded", run, experiment, params, metrics, datasets, artifacts);
    }

    public static String TrackStep_Merged(Object call, Object run, Object experiment, Object params, Object metrics,
                                          Object datasets, Object artifacts) {
        return format("TrackStep.Merged", call, run, experiment, params, metrics, datasets, artifacts);
    }

    public static String TrackStep_Link() {
        return format("TrackStep.Link");
    }

    /** A step stopped by {@code problem} (bad input or an infrastructure failure): "mlBless: ...". */
    public static String Step_Failed(Object step, Object problem) {
        return format("Step.Failed", step, problem);
    }

    public static String Arguments_NotKeyValue(Object entry) {
        return format("Arguments.NotKeyValue", entry);
    }

    public static String Arguments_EmptyName(Object entry) {
        return format("Arguments.EmptyName", entry);
    }

    public static String Arguments_NotInsideWorkspace(Object path) {
        return format("Arguments.NotInsideWorkspace", path);
    }

    public static String RunAction_DisplayName() {
        return format("RunAction.DisplayName");
    }

    public static String RunAction_Title(Object build) {
        return format("RunAction.Title", build);
    }

    public static String RunAction_MetricLine(Object metric, Object last, Object points) {
        return format("RunAction.MetricLine", metric, last, points);
    }

    public static String JobAction_DisplayName() {
        return format("JobAction.DisplayName");
    }

    public static String JobAction_Title(Object job) {
        return format("JobAction.Title", job);
    }

    public static String ValidateStep_DisplayName() {
        return format("ValidateStep.DisplayName");
    }

    public static String ValidateStep_NothingToValidate() {
        return format("ValidateStep.NothingToValidate");
    }

    public static String ValidateStep_NoSuite() {
        return format("ValidateStep.NoSuite");
    }

    public static String BlessStep_DisplayName() {
        return format("BlessStep.DisplayName");
    }

    public static String BlessStep_PreviousSuccessful() {
        return format("BlessStep.PreviousSuccessful");
    }

    public static String BlessStep_LatestBlessed() {
        return format("BlessStep.LatestBlessed");
    }

    public static String Stage_Recorded(Object step, Object stage, Object verdict, Object summary) {
        return format("Stage.Recorded", step, stage, verdict, summary);
    }

    public static String Stage_Link() {
        return format("Stage.Link");
    }

    public static String Stage_Unstable(Object step, Object stages) {
        return format("Stage.Unstable", step, stages);
    }

    public static String Stage_Failure(Object step, Object stages) {
        return format("Stage.Failure", step, stages);
    }

    public static String Arguments_BuildResult(Object value) {
        return format("Arguments.BuildResult", value);
    }

    public static String Arguments_FailOn(Object value) {
        return format("Arguments.FailOn", value);
    }

    public static String InfraValidateStep_DisplayName() {
        return format("InfraValidateStep.DisplayName");
    }

    public static String PublishStep_DisplayName() {
        return format("PublishStep.DisplayName");
    }

    public static String PublishStep_PathIsLink(Object arg0) {
        return format("PublishStep.PathIsLink", arg0);
    }

    public static String PublishStep_PathMissing(Object arg0, Object arg1) {
        return format("PublishStep.PathMissing", arg0, arg1);
    }

    public static String PublishStep_PathIsWorkspace() {
        return format("PublishStep.PathIsWorkspace");
    }

    public static String PublishStep_Published(Object arg0, Object arg1, Object arg2, Object arg3) {
        return format("PublishStep.Published", arg0, arg1, arg2, arg3);
    }

    public static String PublishStep_RegistryLink() {
        return format("PublishStep.RegistryLink");
    }

    public static String Permissions_Group() {
        return format("Permissions.Group");
    }

    public static String Permissions_Promote() {
        return format("Permissions.Promote");
    }

    public static String Permissions_Refused(Object arg0, Object arg1) {
        return format("Permissions.Refused", arg0, arg1);
    }

    public static String GlobalConfiguration_DisplayName() {
        return format("GlobalConfiguration.DisplayName");
    }

    public static String GlobalConfiguration_RegistryNotAbsolute(Object arg0) {
        return format("GlobalConfiguration.RegistryNotAbsolute", arg0);
    }

    public static String GlobalConfiguration_UnknownSandbox(Object arg0, Object arg1) {
        return format("GlobalConfiguration.UnknownSandbox", arg0, arg1);
    }

    public static String GlobalConfiguration_NotHttpUrl(Object arg0) {
        return format("GlobalConfiguration.NotHttpUrl", arg0);
    }

    public static String GlobalConfiguration_NoCredentialsLookup(Object arg0) {
        return format("GlobalConfiguration.NoCredentialsLookup", arg0);
    }

    public static String RegistryAction_DisplayName() {
        return format("RegistryAction.DisplayName");
    }

    public static String RegistryAction_ModelTitle(Object arg0) {
        return format("RegistryAction.ModelTitle", arg0);
    }

    public static String RegistryAction_VersionTitle(Object arg0, Object arg1) {
        return format("RegistryAction.VersionTitle", arg0, arg1);
    }

    public static String GlobalConfiguration_CredentialsNotFound(Object arg0) {
        return format("GlobalConfiguration.CredentialsNotFound", arg0);
    }

    public static String PromoteStep_DisplayName() {
        return format("PromoteStep.DisplayName");
    }

    public static String PromoteStep_Failed(Object problem) {
        return format("PromoteStep.Failed", problem);
    }

    public static String PromoteStep_Started(Object plan, Object stateDir) {
        return format("PromoteStep.Started", plan, stateDir);
    }

    public static String PromoteStep_Resumed(Object stateDir) {
        return format("PromoteStep.Resumed", stateDir);
    }

    public static String PromoteStep_Event(Object type, Object weight, Object message) {
        return format("PromoteStep.Event", type, weight, message);
    }

    public static String PromoteStep_Value(Object metric, Object subject, Object value, Object bound, Object outcome,
                                           Object detail) {
        return format("PromoteStep.Value", metric, subject, value, bound, outcome, detail);
    }

    public static String PromoteStep_Retrying(Object problem, Object seconds) {
        return format("PromoteStep.Retrying", problem, seconds);
    }

    public static String PromoteStep_GaveUp(Object seconds, Object problem) {
        return format("PromoteStep.GaveUp", seconds, problem);
    }

    public static String PromoteStep_Paused(Object reason) {
        return format("PromoteStep.Paused", reason);
    }

    public static String PromoteStep_NoWorkspace(Object stateDir) {
        return format("PromoteStep.NoWorkspace", stateDir);
    }

    public static String PromoteStep_Stopping() {
        return format("PromoteStep.Stopping");
    }

    public static String PromoteStep_Actor(Object build) {
        return format("PromoteStep.Actor", build);
    }

    public static String PromoteStep_Approver(Object build) {
        return format("PromoteStep.Approver", build);
    }

    public static String PromoteStep_NoPlan() {
        return format("PromoteStep.NoPlan");
    }

    public static String PromoteStep_OneAction() {
        return format("PromoteStep.OneAction");
    }

    public static String PromoteStep_PollSeconds(Object value, Object max) {
        return format("PromoteStep.PollSeconds", value, max);
    }

    public static String Permissions_RolloutRefused(Object stage, Object job) {
        return format("Permissions.RolloutRefused", stage, job);
    }

    public static String Permissions_ApprovalRefused(Object job) {
        return format("Permissions.ApprovalRefused", job);
    }

    public static String Page_RenderFailed(Object page) {
        return format("Page.RenderFailed", page);
    }
}
