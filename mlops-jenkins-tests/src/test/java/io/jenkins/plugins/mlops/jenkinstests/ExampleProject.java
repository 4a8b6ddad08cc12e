package io.jenkins.plugins.mlops.jenkinstests;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The example project (examples/breast-cancer) as its users run it: a "Pipeline script from SCM" job
 * {@value #JOB} on the suite's Git remote, Script Path examples/breast-cancer/Jenkinsfile, on the agent
 * labelled ml, with the MLOps global configuration set (a registry directory, production protected)
 * and a deployment host for its Promote stage. Its builds are made once per suite and shared by the
 * classes that look at them: {@link #good()}, {@link #regressed()}, {@link #anotherRegression()}.
 */
public final class ExampleProject {
    public static final String JOB = "breast-cancer";
    public static final String MODEL = "breast-cancer";
    /** The good model: the Jenkinsfile's default TRAIN_ARGS. */
    public static final String GOOD_ARGS = "--alpha 0.0001 --epochs 30";
    /** bin/demo's regressed model (DemoPipeline): passes the model tests, fails the blessing gates. */
    public static final String REGRESSED_ARGS = "--alpha 0.1 --epochs 3 --label-noise 0.1";
    /** The version the good build publishes: the first in an empty registry. */
    public static final String CANARY_VERSION = "1.0.0";
    public static final String STABLE_VERSION = "0.9.0";
    static final String PLAN = "suite-rollout-plan.yaml";

    private static ExampleProject shared;

    private final RealJenkins jenkins;
    private final DeploymentHost host;
    private final Path registry;
    private Build good;
    private Build regressed;
    private Build anotherRegression;

    private ExampleProject(RealJenkins jenkins, DeploymentHost host, Path registry) {
        this.jenkins = jenkins;
        this.host = host;
        this.registry = registry;
    }

    /** Configures Jenkins, the agent, the remote, the deployment host and the job (once). */
    public static synchronized ExampleProject get(RealJenkins jenkins) {
        if (shared == null) {
            jenkins.agent();
            GitRemote remote = jenkins.gitRemote();
            Path registry = jenkins.settings().work().resolve("registry");
            configureMlops(jenkins, registry);
            Path example = jenkins.settings().repository().resolve("examples/breast-cancer");
            // the model in production before this job's first build: bin/demo's first model
            DeploymentHost host = DeploymentHost.start(jenkins, example, jenkins.settings().work().resolve("deploy"),
                    STABLE_VERSION, List.of("--alpha", "0.001", "--epochs", "5"));
            remote.commit(Map.of("examples/breast-cancer/" + PLAN, host.rolloutPlan(MODEL, CANARY_VERSION, 15)),
                    "A rollout plan for this machine's deployment host");
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("TRAIN_ARGS", GOOD_ARGS);
            parameters.put("ROLLOUT_PLAN", PLAN);
            jenkins.client().createOrUpdateJob(JOB, JobXml.pipelineFromGit(remote.url(), "*/main",
                    "examples/breast-cancer/Jenkinsfile", parameters));
            shared = new ExampleProject(jenkins, host, registry);
        }
        return shared;
    }

    /** The deployment host once {@link #get} made it, else null (for {@link DeploymentHost#aroundEachScenario}). */
    public static synchronized DeploymentHost hostIfStarted() {
        return shared == null ? null : shared.host;
    }

    /**
     * Manage Jenkins » System » MLOps, set as an administrator would (here through the script
     * console): the registry directory and the protected stage. The registry keeps its default
     * policies: production asks for a blessed, infra-blessed version and one approval, which the
     * rollout gets from the release person's input (see {@link #good()}).
     */
    private static void configureMlops(RealJenkins jenkins, Path registry) {
        jenkins.client().script(String.join("\n",
                "import io.jenkins.plugins.mlops.config.MlopsGlobalConfiguration",
                "def c = MlopsGlobalConfiguration.get()",
                "c.registry = " + MlAgent.groovyString(registry.toString()),
                "c.protectedStages = 'production'",
                "println 'configured'"));
    }

    /**
     * The good model's build. Its rollout pauses once all traffic is on the candidate, because the
     * registry's production policy asks for an approval: the Jenkinsfile's input is answered (as
     * the administrator, who may answer any input), and approve: true gives the registry its approval.
     */
    public synchronized Build good() {
        if (good == null) {
            JenkinsClient client = jenkins.client();
            int number = client.trigger(JOB, Map.of("TRAIN_ARGS", GOOD_ARGS, "ROLLOUT_PLAN", PLAN)).awaitBuildNumber(client);
            String path = "job/" + JOB + "/" + number + "/";
            long deadline = System.nanoTime() + java.time.Duration.ofMinutes(20).toNanos();
            while (!client.get(path + "consoleText").body().contains("Let it go on?")
                    && client.getJson(path + "api/json?tree=building").path("building").asBoolean(false)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(JOB + " #" + number + " asked for no approval within 20 min");
                }
                RealJenkins.sleep(500);
            }
            if (client.getJson(path + "api/json?tree=building").path("building").asBoolean(false)) {
                client.post(path + "input/Release/proceedEmpty", null, "");
            }
            good = client.awaitFinished(JOB, number);
        }
        return good;
    }

    /** The regressed model, built after the good one (its blessing baseline). */
    public synchronized Build regressed() {
        good();
        if (regressed == null) {
            regressed = jenkins.client().build(JOB, Map.of("TRAIN_ARGS", REGRESSED_ARGS, "ROLLOUT_PLAN", PLAN));
        }
        return regressed;
    }

    /** A third build: the regressed model trained with another seed (stopped at the blessing too). */
    public synchronized Build anotherRegression() {
        regressed();
        if (anotherRegression == null) {
            anotherRegression = jenkins.client().build(JOB, Map.of("TRAIN_ARGS", REGRESSED_ARGS + " --seed 11", "ROLLOUT_PLAN", PLAN));
        }
        return anotherRegression;
    }

    public DeploymentHost host() {
        return host;
    }

    public Path registry() {
        return registry;
    }
}
