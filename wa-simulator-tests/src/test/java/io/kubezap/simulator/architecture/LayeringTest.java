package io.kubezap.simulator.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The simulator's start-up ({@code WaSimulator}, its settings and main, in the root package) sits on top: it
 * assembles the parts, and no part — the control API included — reaches back up to it, so there is no circle
 * between the class that starts the simulator and the API that drives it.
 */
@AnalyzeClasses(packages = "io.kubezap.simulator", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String START_UP = "io.kubezap.simulator";

    @ArchTest
    static final ArchRule noPartReachesUpToStartUp = noClasses()
            .that().resideOutsideOfPackage(START_UP)
            .should().dependOnClassesThat().resideInAPackage(START_UP);
}
