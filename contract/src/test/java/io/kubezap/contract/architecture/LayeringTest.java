package io.kubezap.contract.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * {@code contract} is what the operator, the session pod and the gateway agree on: its packages depend on each other
 * one way (the names in the root package at the bottom), and it runs nothing of its own: no exporter, no web server, no rule engine.
 */
class LayeringTest {

    private static final JavaClasses CONTRACT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kubezap.contract");

    /** The root package counts as a slice of its own ({@code contract}). */
    @Test
    void noPackageCycles() {
        slices().matching("io.kubezap.(**)").should().beFreeOfCycles().check(CONTRACT);
    }

    /** The shared names (environment, phases, event names, documents) depend on no feature package of contract. */
    @Test
    void theSharedNamesDependOnNoSubpackage() {
        noClasses().that().resideInAPackage("io.kubezap.contract")
                .should().dependOnClassesThat().resideInAPackage("io.kubezap.contract.(*)..")
                .check(CONTRACT);
    }

    /** Types, names and pure functions: the span export lives in module tracing, spec.autoReply's CEL in automation. */
    @Test
    void noRuntimeOfItsOwn() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.opentelemetry..", "io.vertx..", "dev.cel..")
                .check(CONTRACT);
    }
}
