package io.kubezap.session.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.kubezap.session.config.SessionSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

/**
 * A bean made once for the JVM (a singleton, or what a singleton producer makes) never takes a session's settings:
 * a session host has many sessions and none at start-up, so such a bean reads the settings of the session named when it
 * needs them ({@code HostedSessions.currentSettings()}). One that kept them would serve every session of a host with
 * the settings of the first it met, or stop the host from starting (issue 81).
 */
@AnalyzeClasses(packages = "io.kubezap.session", importOptions = ImportOption.DoNotIncludeTests.class)
class SessionSettingsReadTest {

    private static final DescribedPredicate<JavaClass> SINGLETONS = new DescribedPredicate<>("made once for the JVM") {
        @Override
        public boolean test(JavaClass bean) {
            return bean.isAnnotatedWith(Singleton.class) || bean.isAnnotatedWith(ApplicationScoped.class);
        }
    };

    private static final DescribedPredicate<JavaCodeUnit> MADE_ONCE = new DescribedPredicate<>(
            "constructors of singletons and singleton producers") {
        @Override
        public boolean test(JavaCodeUnit code) {
            boolean singletonProducer = code.isAnnotatedWith(Produces.class)
                    && (code.isAnnotatedWith(Singleton.class) || code.isAnnotatedWith(ApplicationScoped.class));
            return singletonProducer || code.isConstructor() && SINGLETONS.test(code.getOwner());
        }
    };

    private static final ArchCondition<JavaCodeUnit> TAKE_NO_SESSION_SETTINGS = new ArchCondition<>(
            "take no " + SessionSettings.class.getSimpleName()) {
        @Override
        public void check(JavaCodeUnit code, ConditionEvents events) {
            boolean takes = code.getRawParameterTypes().stream().anyMatch(type -> type.isEquivalentTo(SessionSettings.class));
            events.add(new SimpleConditionEvent(code, !takes, code.getFullName() + " takes the session's settings"));
        }
    };

    @ArchTest
    static final ArchRule singletonsAreMadeWithoutASessionsSettings = codeUnits().that(MADE_ONCE)
            .should(TAKE_NO_SESSION_SETTINGS).allowEmptyShould(true);

    @ArchTest
    static final ArchRule singletonsKeepNoSessionsSettings = noFields().that().haveRawType(SessionSettings.class)
            .should().beDeclaredInClassesThat(SINGLETONS);
}
