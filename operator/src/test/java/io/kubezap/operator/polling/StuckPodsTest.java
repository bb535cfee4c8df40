package io.kubezap.operator.polling;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.managed.ManagedWorkflowAndDependentResourceContext;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.operator.events.EventRecorder;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pod that never got ready on an old template revision is replaced, by the workflow's own step
 * ({@link StuckPodReplacement}, run while {@link PodStuckOnOldRevision} holds), with a StuckPodReplaced Event; a healthy
 * or current one is left alone.
 */
@EnableKubernetesMockClient(crud = true)
class StuckPodsTest {

    KubernetesClient client;

    private final StatefulSet statefulSet = new StatefulSetBuilder()
            .withNewMetadata().withName("loja-01").withNamespace("shop").endMetadata()
            .withNewSpec().withPodManagementPolicy("OrderedReady").endSpec()
            .withNewStatus().withCurrentRevision("loja-01-old").withUpdateRevision("loja-01-new").endStatus()
            .build();

    @Test
    void aPodStuckOnTheOldRevisionIsDeleted() {
        Pod stuck = client.resource(pod("loja-01-old", false)).create();

        assertThat(StuckPods.replaceIfStuck(client, statefulSet, stuck)).isTrue();
        assertThat(client.pods().inNamespace("shop").withName("loja-01-0").get()).isNull();
    }

    @Test
    void aReadyPodOrOneOnTheCurrentRevisionIsKept() {
        assertThat(StuckPods.stuckOnOldRevision(statefulSet, pod("loja-01-old", true))).isFalse();
        assertThat(StuckPods.stuckOnOldRevision(statefulSet, pod("loja-01-new", false))).isFalse();
    }

    @Test
    void theWorkflowsStepDeletesTheStuckPodAndSaysSoInAnEvent() {
        client.resource(pod("loja-01-old", false)).create();
        Map<Object, Object> handed = new HashMap<>();

        var result = new StuckPodReplacement(new EventRecorder(client)).reconcile(session(), context(handed));

        assertThat(result.getSingleResource()).hasValueSatisfying(replaced -> assertThat(replaced.pod()).isEqualTo("loja-01-0"));
        assertThat(client.pods().inNamespace("shop").withName("loja-01-0").get()).isNull();
        assertThat(client.v1().events().inNamespace("shop").list().getItems())
                .extracting(Event::getReason).containsExactly("StuckPodReplaced");
        assertThat(StuckPodReplacement.replacedIn(context(handed))).isTrue();
    }

    @Test
    void theStepReadsThePodAgainAndKeepsOneThatGotReadySinceThePoll() {
        client.resource(pod("loja-01-old", true)).create();
        Map<Object, Object> handed = new HashMap<>();

        new StuckPodReplacement(new EventRecorder(client)).reconcile(session(), context(handed));

        assertThat(client.pods().inNamespace("shop").withName("loja-01-0").get()).isNotNull();
        assertThat(client.v1().events().inNamespace("shop").list().getItems()).isEmpty();
        assertThat(StuckPodReplacement.replacedIn(context(handed))).isFalse();
    }

    @Test
    void theStepRunsOnlyWhenTheLastPollSawThePodStuckOnTheCurrentRevision() {
        PodObservation stuck = new PodObservation(PollTarget.pod("loja-01-new"), null, null, null, null, true);
        PodObservation stuckBeforeTheLastChange = new PodObservation(PollTarget.pod("loja-01-older"), null, null, null,
                null, true);
        PodObservation notStuck = new PodObservation(PollTarget.pod("loja-01-new"), null, null, null, null, false);
        WhatsAppSession suspended = session();
        suspended.getSpec().setSuspend(true);

        assertThat(PodStuckOnOldRevision.holds(session(), Optional.of(statefulSet), Optional.of(stuck))).isTrue();
        assertThat(PodStuckOnOldRevision.holds(session(), Optional.of(statefulSet), Optional.of(stuckBeforeTheLastChange)))
                .isFalse();
        assertThat(PodStuckOnOldRevision.holds(session(), Optional.of(statefulSet), Optional.of(notStuck))).isFalse();
        assertThat(PodStuckOnOldRevision.holds(session(), Optional.of(statefulSet), Optional.empty())).isFalse();
        assertThat(PodStuckOnOldRevision.holds(suspended, Optional.of(statefulSet), Optional.of(stuck))).isFalse();
    }

    private static WhatsAppSession session() {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withName("loja-01").withNamespace("shop").withUid("uid-1").build());
        session.setSpec(new WhatsAppSessionSpec());
        return session;
    }

    @SuppressWarnings("unchecked")
    private Context<WhatsAppSession> context(Map<Object, Object> handed) {
        var workflowContext = (ManagedWorkflowAndDependentResourceContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ManagedWorkflowAndDependentResourceContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "get" -> Optional.ofNullable(handed.get(args[0]));
                    case "put" -> handed.put(args[0], args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (Context<WhatsAppSession>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Context.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSecondaryResource" -> Optional.of(statefulSet);
                    case "getClient" -> client;
                    case "managedWorkflowAndDependentResourceContext" -> workflowContext;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Pod pod(String revision, boolean ready) {
        return new PodBuilder()
                .withNewMetadata().withName("loja-01-0").withNamespace("shop")
                .addToLabels(StuckPods.REVISION_LABEL, revision).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .withPhase("Pending").endStatus()
                .build();
    }
}
