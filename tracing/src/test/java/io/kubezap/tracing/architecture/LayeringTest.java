package io.kubezap.tracing.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * One way down: the component's bean ({@code export}) starts the exporter ({@code otlp}), which builds on the settings
 * and the request's span ({@code tracing}); these load nothing of OpenTelemetry's SDK, so a component with export off
 * loads none of it.
 */
class LayeringTest {

    private static final JavaClasses TRACING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kubezap.tracing");

    @Test
    void noPackageCycles() {
        slices().matching("io.kubezap.(**)").should().beFreeOfCycles().check(TRACING);
    }

    @Test
    void theSettingsAndTheRequestsSpanLoadNoSdk() {
        noClasses().that().resideInAPackage("io.kubezap.tracing")
                .should().dependOnClassesThat().resideInAnyPackage("io.kubezap.tracing.otlp..",
                        "io.kubezap.tracing.export..", "io.opentelemetry.sdk..", "io.opentelemetry.exporter..")
                .check(TRACING);
    }
}
