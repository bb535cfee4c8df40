package io.kubezap.kubectl.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The plugin's top command ({@code KubectlZap} and its main, in the root package) assembles the subcommands; a
 * subcommand reaches the user's options only through {@code run.RunOpener}, so nothing reaches back up to the top
 * and no two packages import each other.
 */
@AnalyzeClasses(packages = "io.kubezap.kubectl", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule nothingReachesUpToTheTopCommand = noClasses()
            .that().resideOutsideOfPackage("io.kubezap.kubectl")
            .should().dependOnClassesThat().resideInAPackage("io.kubezap.kubectl");

    @ArchTest
    static final ArchRule packagesFormNoCircle = slices().matching("io.kubezap.kubectl.(*)..")
            .should().beFreeOfCycles();
}
