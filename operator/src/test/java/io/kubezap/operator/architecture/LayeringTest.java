package io.kubezap.operator.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.KeptData;
import io.kubezap.operator.database.SessionConnectionGuard;
import io.kubezap.operator.database.SessionData;
import io.kubezap.operator.database.SessionRole;
import io.kubezap.operator.database.SessionRoles;
import io.kubezap.operator.reconciler.SessionStatusWriter;
import io.kubezap.operator.workflow.SessionRoleDependent;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The operator's packages depend on each other one way: no package reaches back to one that reaches it. The status
 * is a pure function of what was observed, and the session's database is touched by one dependent only, its role's.
 * The desired objects are built apart from the Operator SDK's workflow, and one class writes the status.
 */
class LayeringTest {

    private static final JavaClasses OPERATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kubezap.operator");
    /** Calls that write a session's status: JOSDK's controls, fabric8's status operations and its status sub-resource. */
    private static final Set<String> STATUS_WRITES = Set.of("patchStatus", "updateStatus", "editStatus", "replaceStatus",
            "applyStatus", "patchResourceAndStatus", "updateResourceAndStatus", "subresource");

    private static final DescribedPredicate<JavaMethodCall> STATUS_WRITE = DescribedPredicate.describe(
            "a status write (" + String.join(", ", STATUS_WRITES) + ")",
            call -> STATUS_WRITES.contains(call.getTarget().getName()));

    @Test
    void noPackageCycles() {
        slices().matching("io.kubezap.operator.(*)..").should().beFreeOfCycles().check(OPERATOR);
    }

    /** No client, no database, no pod's REST API, no Operator SDK: what the status says follows from its input alone. */
    @Test
    void theStatusReadsNothingButWhatItIsGiven() {
        noClasses().that().resideInAPackage("io.kubezap.operator.status..")
                .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubernetes.client..", "java.sql..",
                        "java.net..", "io.javaoperatorsdk..", "io.kubezap.operator.database..",
                        "io.kubezap.operator.sessionapi..", "io.kubezap.operator.polling..")
                .because("the status is one pure function of (previous status, observation, now)")
                .check(OPERATOR);
    }

    /** A dependent's desired() or condition that reached the database would do so at every look. */
    @Test
    void onlyTheRoleDependentSetsAnythingInTheDatabase() {
        noClasses().that().areAssignableTo(DependentResource.class).or().areAssignableTo(Condition.class)
                .and().doNotBelongToAnyOf(SessionRoleDependent.class)
                .should().dependOnClassesThat().belongToAnyOf(AdminDatabase.class, KeptData.class, SessionData.class,
                        SessionConnectionGuard.class)
                .orShould().callMethod(SessionRoles.class, "ensure", SessionRole.class)
                .orShould().callMethod(SessionRoles.class, "ensure", String.class, String.class, String.class)
                .orShould().callMethod(SessionRoles.class, "drop", String.class, String.class)
                .check(OPERATOR);
    }

    /** What the session's objects should be follows from the session and the settings, not from the reconcile's SDK. */
    @Test
    void theModelImportsNothingOfTheOperatorSdkNorOfTheWorkflow() {
        noClasses().that().resideInAPackage("io.kubezap.operator.model..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javaoperatorsdk..",
                        "io.kubezap.operator.workflow..", "io.kubezap.operator.reconciler..")
                .because("the model builds the desired objects; the workflow applies them")
                .check(OPERATOR);
    }

    /** A reconcile's status, a failed or paused reconcile's and a pod's report all go one way. */
    @Test
    void onlyTheStatusWriterWritesTheStatus() {
        noClasses().that().doNotBelongToAnyOf(SessionStatusWriter.class)
                .should().callMethodWhere(STATUS_WRITE)
                .because("one writer decides when and how the status is written")
                .check(OPERATOR);
    }
}
