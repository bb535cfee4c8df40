package io.kubezap.operator.workflow;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.PodTemplateHash;
import io.kubezap.operator.model.RolloutBudget;
import io.kubezap.operator.model.RolloutGate;
import io.kubezap.operator.model.RolloutTurn;
import io.kubezap.operator.model.TestSessions;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 49 item 3: the StatefulSet's {@code desired()} is pure. The rollout's turn ({@link RolloutGate}) is decided
 * before it and handed over as data ({@link RolloutTurn}); here the informer cache the gate counts from and the client
 * fail on any call, so a desired() that asked the gate (or anyone) fails.
 */
class PureStatefulSetDesiredTest {

    private static final String ASKED = "desired() asked the rollout gate's cache or the cluster";

    private final WhatsAppSession session = TestSessions.session("loja-01");
    private final SessionStatefulSetDependent dependent = new SessionStatefulSetDependent(TestSessions.config(Map.of()),
            null, new RolloutGate(RolloutBudget.parse("1"), java.time.Clock.systemUTC()));

    @Test
    void aHeldBackSessionKeepsItsTemplateWithoutAskingTheGate() {
        StatefulSet onOldTemplate = onOldTemplate();

        StatefulSet wanted = dependent.desired(session, context(Optional.of(onOldTemplate), RolloutTurn.LATER));

        assertThat(wanted.getSpec().getTemplate()).isEqualTo(onOldTemplate.getSpec().getTemplate());
        assertThat(dependent.desired(session, context(Optional.of(onOldTemplate), RolloutTurn.LATER)))
                .as("asked again, the same").isEqualTo(wanted);
    }

    @Test
    void aSessionWhoseTurnCameGetsTheNewTemplateWithoutAskingTheGate() {
        StatefulSet onOldTemplate = onOldTemplate();

        StatefulSet wanted = dependent.desired(session, context(Optional.of(onOldTemplate), RolloutTurn.NOW));

        assertThat(hash(wanted)).isNotEqualTo("old").isEqualTo(hash(fresh()));
    }

    private StatefulSet fresh() {
        return dependent.desired(session, context(Optional.empty(), RolloutTurn.NOW));
    }

    private StatefulSet onOldTemplate() {
        StatefulSet old = new StatefulSetBuilder(fresh()).build();
        old.getSpec().getTemplate().getMetadata().getAnnotations().put(PodTemplateHash.ANNOTATION, "old");
        return old;
    }

    private static String hash(StatefulSet statefulSet) {
        return statefulSet.getSpec().getTemplate().getMetadata().getAnnotations().get(PodTemplateHash.ANNOTATION);
    }

    @SuppressWarnings("unchecked")
    private Context<WhatsAppSession> context(Optional<StatefulSet> existing, RolloutTurn turn) {
        Map<Object, Object> handed = new HashMap<>(Map.of(RolloutTurn.class.getName(), turn));
        var workflowContext = (ManagedWorkflowAndDependentResourceContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ManagedWorkflowAndDependentResourceContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> Optional.ofNullable(handed.get(args[0]));
                    case "getMandatory" -> Optional.ofNullable(handed.get(args[0])).orElseThrow();
                    default -> throw new AssertionError(ASKED + ": " + method.getName());
                });
        return (Context<WhatsAppSession>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSecondaryResource" -> existing;
                    case "getSecondaryResourcesAsStream" -> Stream.empty();
                    case "getPrimaryResource" -> session;
                    case "managedWorkflowAndDependentResourceContext" -> workflowContext;
                    default -> throw new AssertionError(ASKED + ": " + method.getName());
                });
    }
}
