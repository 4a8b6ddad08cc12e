package io.jenkins.plugins.mlops.arch;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import io.jenkins.plugins.mlops.FormPermission;
import io.jenkins.plugins.mlops.JenkinsFacade;
import io.jenkins.plugins.mlops.core.track.Tracker;
import jenkins.model.Jenkins;
import io.jenkins.plugins.mlops.steps.TrackStep;
import java.util.Set;
import com.tngtech.archunit.lang.ArchRule;
import hudson.model.Action;
import hudson.model.ModelObject;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import org.junit.BeforeClass;
import org.junit.Test;
import org.kohsuke.stapler.verb.POST;

/**
 * Layer and security rules, checked on the compiled glue (target/classes) and core (its jar on
 * the classpath). The web-method rules are the Jenkins security advisories' classes: a form
 * check or action method reachable by GET or without a permission check.
 */
public class ArchitectureTest {
    /** The glue's packages: the plugin root package and its sub-packages, core excluded. */
    private static final String[] GLUE = {"io.jenkins.plugins.mlops", "io.jenkins.plugins.mlops.steps..",
        "io.jenkins.plugins.mlops.model..", "io.jenkins.plugins.mlops.views..", "io.jenkins.plugins.mlops.config..",
        "io.jenkins.plugins.mlops.trigger.."};
    private static final String CORE = "io.jenkins.plugins.mlops.core..";
    private static final String WEB_METHOD = "do[A-Z].*";

    private static JavaClasses classes;

    @BeforeClass
    public static void importClasses() {
        // the glue's classes and core's (directory or jar), not every jar on the test classpath
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importLocations(Set.of(Location.of(codeSource(TrackStep.class)), Location.of(codeSource(Tracker.class))));
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith("io.jenkins.plugins.mlops.core")))
                .as("core classes are on the test classpath").isNotEmpty();
        assertThat(classes.stream().filter(c -> c.getPackageName().equals("io.jenkins.plugins.mlops.steps")))
                .as("glue classes were imported").isNotEmpty();
    }

    private static java.net.URL codeSource(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    public void glueDoesNotDependOnTheCli() {
        ArchRule rule = noClasses().that().resideInAnyPackage(GLUE)
                .should().dependOnClassesThat().resideInAnyPackage("io.jenkins.plugins.mlops.cli..", "picocli..");
        rule.check(classes);
    }

    @Test
    public void coreDependsOnNeitherGlueNorJenkins() {
        ArchRule rule = noClasses().that().resideInAPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage(GLUE)
                .orShould().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..",
                        "org.jenkinsci..", "io.jenkins.plugins.mlops.cli..");
        rule.check(classes);
    }

    @Test
    public void everyWebMethodOfTheGlueAnswersPostOnly() {
        ArchRule rule = methods().that().haveNameMatching(WEB_METHOD).and().arePublic()
                .and().areDeclaredInClassesThat().resideInAnyPackage(GLUE)
                .should().beAnnotatedWith(POST.class);
        rule.check(classes);
    }

    /** A permission check, or the form checks' one permission rule ({@link FormPermission}). */
    private static final DescribedPredicate<JavaCall<?>> CHECKS_A_PERMISSION = target(name("checkPermission"))
            .or(target(name("hasPermission"))).or(target(name("checkAnyPermission")))
            .or(target(owner(type(FormPermission.class))));

    @Test
    public void everyWebMethodOfTheGlueChecksAPermission() {
        ArchRule rule = methods().that().haveNameMatching(WEB_METHOD).and().arePublic()
                .and().areDeclaredInClassesThat().resideInAnyPackage(GLUE)
                .should(callMethodWhere(CHECKS_A_PERMISSION));
        rule.check(classes);
    }

    @Test
    public void theFormChecksPermissionRuleChecksAPermissionInEachOfItsMethods() {
        // the web-method rule trusts FormPermission: each of its ways in must check itself
        ArchRule rule = methods().that().arePublic().and().areDeclaredIn(FormPermission.class)
                .should(callMethodWhere(target(name("checkPermission"))));
        rule.check(classes);
    }

    @Test
    public void onlyTheFacadeReachesJenkinsItself() {
        // pages take a JenkinsFacade, so unit tests can give them one (RegistryActionTest)
        ArchRule rule = noClasses().that().resideInAnyPackage(GLUE).and().doNotBelongToAnyOf(JenkinsFacade.class)
                .should().callMethod(Jenkins.class, "get");
        rule.check(classes);
    }

    @Test
    public void everyPageReachedByAUrlSegmentIsAModelObject() {
        // Jenkins routes model/NAME/ to getModel(String) only when the returned type is one Stapler may
        // reach (ModelObject is): a plain class there is a 404 in a real Jenkins, which the stubs never show
        ArchRule rule = methods().that().haveNameMatching("get[A-Z].*").and().arePublic()
                .and().haveRawParameterTypes(String.class)
                .and().areDeclaredInClassesThat().resideInAnyPackage(GLUE)
                .and().doNotHaveRawReturnType(String.class)
                .should().haveRawReturnType(com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo(ModelObject.class));
        rule.check(classes);
    }

    @Test
    public void thePermissionRuleCatchesAWebMethodWithoutACheck() {
        JavaClasses unchecked = new ClassFileImporter().importClasses(Unchecked.class);
        ArchRule rule = methods().that().haveNameMatching(WEB_METHOD)
                .should(callMethodWhere(target(name("checkPermission")).or(target(name("hasPermission")))));
        assertThat(rule.evaluate(unchecked).hasViolation()).isTrue();
    }

    /** A web method that forgot its permission check (for the rule's own test). */
    static final class Unchecked {
        public FormValidation doCheckAnything(String value) {
            return FormValidation.ok();
        }
    }

    /**
     * ArchUnit's class-level callMethodWhere, for a method: the method's own body must contain a
     * call matching {@code predicate} (a helper that checks does not count: the check must be
     * visible where the request enters).
     */
    private static ArchCondition<JavaMethod> callMethodWhere(DescribedPredicate<? super JavaMethodCall> predicate) {
        return new ArchCondition<>("call a method where " + predicate.getDescription()) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean calls = method.getMethodCallsFromSelf().stream().anyMatch(predicate);
                events.add(new SimpleConditionEvent(method, calls, method.getFullName()
                        + (calls ? " calls " : " does not call ") + predicate.getDescription()));
            }
        };
    }

    @Test
    public void formChecksReturnFormValidation() {
        ArchRule rule = methods().that().haveNameMatching("doCheck.*")
                .and().areDeclaredInClassesThat().resideInAnyPackage(GLUE)
                .should().haveRawReturnType(FormValidation.class);
        rule.check(classes);
    }

    @Test
    public void buildStepsLiveInSteps() {
        ArchRule rule = classes().that().areAssignableTo(Builder.class).and().resideInAnyPackage(GLUE)
                .should().resideInAPackage("io.jenkins.plugins.mlops.steps");
        rule.check(classes);
    }

    @Test
    public void actionsLiveInModel() {
        ArchRule rule = classes().that().areAssignableTo(Action.class).and().resideInAnyPackage(GLUE)
                .should().resideInAPackage("io.jenkins.plugins.mlops.model");
        rule.check(classes);
    }

    @Test
    public void onlyRunPagesAsksCoreForHtml() {
        // one switch point between the glue and core's renderers (views.RunPages)
        ArchRule rule = noClasses().that().resideInAnyPackage(GLUE).and().doNotHaveSimpleName("RunPages")
                .should().dependOnClassesThat().resideInAPackage("io.jenkins.plugins.mlops.core.report..");
        rule.check(classes);
    }
}
