package io.kubezap.gateway.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's packages depend on each other one way: the features (events, proxy, session, stats, mcp) on who the
 * caller is ({@code auth}), and that on the foundations (configuration, problem documents, caches), never back.
 */
class LayeringTest {

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kubezap.gateway");

    private static final String[] FEATURES = {"io.kubezap.gateway.events..", "io.kubezap.gateway.proxy..",
            "io.kubezap.gateway.session..", "io.kubezap.gateway.stats..", "io.kubezap.gateway.mcp..",
            "io.kubezap.gateway.database..", "io.kubezap.gateway.logging.."};

    @Test
    void noPackageCycles() {
        slices().matching("io.kubezap.gateway.(**)").should().beFreeOfCycles().check(GATEWAY);
    }

    /** Who the caller is and what a key may do is decided before any feature runs, by nothing a feature holds. */
    @Test
    void authenticationKnowsNoFeature() {
        noClasses().that().resideInAPackage("io.kubezap.gateway.auth..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .check(GATEWAY);
    }

    @Test
    void theFoundationsKnowNoFeatureAndNoCaller() {
        noClasses().that().resideInAnyPackage("io.kubezap.gateway.config..", "io.kubezap.gateway.problem..",
                        "io.kubezap.gateway.cache..")
                .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                .orShould().dependOnClassesThat().resideInAPackage("io.kubezap.gateway.auth..")
                .check(GATEWAY);
    }
}
