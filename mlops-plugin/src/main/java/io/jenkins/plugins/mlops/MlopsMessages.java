package io.jenkins.plugins.mlops;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Every user-facing string of the Java glue, read from {@code Messages.properties} in this
 * package: one constant per key (named by the key with '.' as '_'), with the number of arguments
 * its text takes. Hand-written because Jenkins's localizer runtime ({@code org.jvnet.localizer})
 * is not on Maven Central, so the default build could not compile against the {@code Messages}
 * class it generates. The real build ({@code pom-jenkins.xml}) still runs the plugin parent's
 * localizer, which generates {@code io.jenkins.plugins.mlops.Messages} beside this enum; the glue
 * does not call it, and the different name means the two can never clash. {@code
 * MlopsMessagesTest} keeps this enum and the file in step (one constant per key, with the arity of
 * its highest placeholder).
 */
public enum MlopsMessages {
    TrackStep_DisplayName(0),
    TrackStep_Recorded(6),
    TrackStep_Merged(7),
    TrackStep_Link(0),
    TrackStep_Warning(1),
    /** A step stopped by {@code problem} (bad input or an infrastructure failure): "mlBless: ...". */
    Step_Failed(2),
    Arguments_NotKeyValue(1),
    Arguments_EmptyName(1),
    Arguments_NotInsideWorkspace(1),
    RunAction_DisplayName(0),
    RunAction_Title(1),
    RunAction_MetricLine(3),
    JobAction_DisplayName(0),
    JobAction_Title(1),
    ValidateStep_DisplayName(0),
    ValidateStep_NothingToValidate(0),
    ValidateStep_NoSuite(0),
    ValidateStep_NoNotebook(0),
    ValidateStep_NotebookParam(1),
    ValidateStep_NotebookTimeout(1),
    ValidateStep_SparkWithoutData(0),
    ValidateStep_OnSpark(4),
    ValidateStep_SparkLauncherMissing(1),
    ValidateStep_SparkLauncherNotOnPath(2),
    ValidateStep_SparkFailed(4),
    BlessStep_DisplayName(0),
    BlessStep_PreviousSuccessful(0),
    BlessStep_LatestBlessed(0),
    Stage_Recorded(4),
    Stage_Link(0),
    Stage_Unstable(2),
    Stage_Failure(2),
    Arguments_BuildResult(1),
    Arguments_FailOn(1),
    InfraValidateStep_DisplayName(0),
    PublishStep_DisplayName(0),
    PublishStep_PathIsLink(1),
    PublishStep_PathMissing(2),
    PublishStep_PathIsWorkspace(0),
    PublishStep_Published(4),
    PublishStep_RegistryLink(0),
    Permissions_Group(0),
    Permissions_Promote(0),
    Permissions_Refused(2),
    GlobalConfiguration_DisplayName(0),
    GlobalConfiguration_RegistryNotAbsolute(1),
    GlobalConfiguration_UnknownSandbox(2),
    GlobalConfiguration_NotHttpUrl(1),
    GlobalConfiguration_SparkLauncher(2),
    GlobalConfiguration_NoCredentialsLookup(1),
    RegistryAction_DisplayName(0),
    RegistryAction_ModelTitle(1),
    RegistryAction_VersionTitle(2),
    GlobalConfiguration_CredentialsNotFound(1),
    PromoteStep_DisplayName(0),
    PromoteStep_Failed(1),
    PromoteStep_Started(2),
    PromoteStep_Resumed(1),
    PromoteStep_Event(3),
    PromoteStep_Value(6),
    PromoteStep_Retrying(2),
    PromoteStep_GaveUp(2),
    PromoteStep_Paused(1),
    PromoteStep_NoWorkspace(1),
    MonitorStep_DisplayName(0),
    MonitorStep_Kept(3),
    MonitorStep_NoLogMatches(2),
    MonitorStep_NotANumber(2),
    MonitorStep_LineageOutside(3),
    MonitorStep_Unstable(1),
    PromoteStep_Stopping(0),
    PromoteStep_Actor(1),
    PromoteStep_Approver(1),
    PromoteStep_NoPlan(0),
    PromoteStep_OneAction(0),
    PromoteStep_PollSeconds(2),
    Permissions_RolloutRefused(2),
    Permissions_ApprovalRefused(1),
    Page_RenderFailed(1),
    RegistryTrigger_DisplayName(0),
    RegistryTrigger_Cause(2),
    RegistryTrigger_Problem(2),
    RegistryTrigger_NotStarted(2),
    RegistryTrigger_Queued(2);

    private static final String BUNDLE = "io.jenkins.plugins.mlops.Messages";

    private final int arity;

    MlopsMessages(int arity) {
        this.arity = arity;
    }

    /** The number of arguments this message's text takes ({@code {0}} .. {@code {arity-1}}). */
    public int arity() {
        return arity;
    }

    /** The key in Messages.properties (the localizer's spelling: '.' where the constant has '_'). */
    public String key() {
        return name().replace('_', '.');
    }

    /** The text in the default locale, with {@code args} in its placeholders; refuses a wrong count, as the localizer's typed methods would at compile time. */
    public String text(Object... args) {
        if (args.length != arity) {
            throw new IllegalArgumentException(name() + " takes " + arity + " arguments, not " + args.length);
        }
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), MlopsMessages.class.getClassLoader());
        return new MessageFormat(bundle.getString(key()), Locale.getDefault()).format(args);
    }
}
