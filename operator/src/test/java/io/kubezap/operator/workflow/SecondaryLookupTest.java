package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.TestSessions;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JOSDK looks a dependent's object up in its informer's cache several times a reconcile (the session-limit condition,
 * the dependent's own reconcile): by name, without building the desired object, which for the StatefulSet means
 * rendering and hashing the pod template. The context below answers nothing but the cached objects, and the
 * dependents fail if asked for their desired state.
 */
class SecondaryLookupTest {

    private final WhatsAppSession session = TestSessions.session("loja-01");

    @Test
    void theStatefulSetIsFoundByNameAmongOthers() {
        StatefulSet own = statefulSet("loja-01");
        var dependent = new SessionStatefulSetDependent(TestSessions.config(Map.of()), null) {
            @Override
            protected StatefulSet desired(WhatsAppSession session, Context<WhatsAppSession> context) {
                throw new AssertionError("the desired StatefulSet was built for a look-up");
            }
        };

        assertThat(dependent.getSecondaryResource(session, cacheHolding(Set.of(statefulSet("loja-02"), own))))
                .containsSame(own);
    }

    @Test
    void theServiceIsFoundByNameAmongOthers() {
        Service own = service("loja-01");

        var dependent = new SessionServiceDependent() {
            @Override
            protected Service desired(WhatsAppSession session, Context<WhatsAppSession> context) {
                throw new AssertionError("the desired Service was built for a look-up");
            }
        };

        assertThat(dependent.getSecondaryResource(session, cacheHolding(Set.of(service("loja-02"), own)))).containsSame(own);
    }

    private static StatefulSet statefulSet(String name) {
        return new StatefulSetBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata().build();
    }

    private static Service service(String name) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("shop").endMetadata().build();
    }

    @SuppressWarnings("unchecked")
    private static Context<WhatsAppSession> cacheHolding(Set<? extends HasMetadata> cached) {
        return (Context<WhatsAppSession>) Proxy.newProxyInstance(SecondaryLookupTest.class.getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSecondaryResources" -> cached;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
