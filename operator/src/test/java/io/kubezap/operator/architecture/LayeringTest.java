package io.kubezap.operator.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The operator's packages depend on each other one way: no package reaches back to one that reaches it. */
class LayeringTest {

    private static final JavaClasses OPERATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kubezap.operator");

    @Test
    void noPackageCycles() {
        slices().matching("io.kubezap.operator.(*)..").should().beFreeOfCycles().check(OPERATOR);
    }
}
