package io.kubezap.session.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The session pod's dependencies point one way: start-up ({@code runtime}) on top, HTTP ({@code api}, {@code problem})
 * at the edge, the features and their domain in the middle, WhatsApp behind the engine port.
 */
@AnalyzeClasses(packages = "io.kubezap.session", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String RUNTIME = "io.kubezap.session.runtime..";
    private static final String[] EDGE = {"io.kubezap.session.api..", "io.kubezap.session.problem.."};

    @ArchTest
    static final ArchRule featuresNeverReachUpToStartUp = noClasses()
            .that().resideOutsideOfPackages(RUNTIME, EDGE[0])
            .should().dependOnClassesThat().resideInAPackage(RUNTIME);

    @ArchTest
    static final ArchRule theDomainKnowsNoHttp = noClasses()
            .that().resideOutsideOfPackages(RUNTIME, EDGE[0], EDGE[1])
            .should().dependOnClassesThat().resideInAnyPackage(EDGE);

    @ArchTest
    static final ArchRule onlyTheEngineAdapterKnowsCobalt = noClasses()
            .that().resideOutsideOfPackages("io.kubezap.session.engine.cobalt..", "it.auties..")
            .should().dependOnClassesThat().resideInAPackage("it.auties..");

    @ArchTest
    static final ArchRule noPackageCycles = slices().matching("io.kubezap.session.(**)").should().beFreeOfCycles();
}
