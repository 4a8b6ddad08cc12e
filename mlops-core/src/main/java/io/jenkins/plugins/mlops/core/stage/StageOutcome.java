package io.jenkins.plugins.mlops.core.stage;

/**
 * What every stage's Result says, whatever else it measured: which stage it is, its verdict word
 * (BLESSED, INFRA_NOT_BLESSED, PROMOTED, ...), whether that counts as passed, and one line for logs
 * and the run list. {@code core.report.StageReports} turns any of them into its reports and the
 * stage result a run stores; a Result itself carries no rendering code.
 *
 * <p>The stage accessor is {@code pipelineStage}, not {@code stage}: several Results already have a
 * {@code stage} (the registry stage a version moves to).
 */
public interface StageOutcome {
    Stage pipelineStage();

    String verdict();

    boolean passed();

    String summary();
}
