package io.kubezap.kubectl;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kubectl zap doctor: what is wrong with a session and what to do, one line each, exit code 3 when anything is. The
 * mock API server runs no controllers: the tests write what the StatefulSet controller, the scheduler and the kubelet
 * would (Events, pod status), and the session's status as the operator writes it.
 */
class DoctorCommandTest extends MockClusterTest {

    @Test
    void aPodTheQuotaRefusesIsNamedWithWhatToDo() {
        cluster.resource("shop", "loja-01", SessionPhase.Pending, null);
        ready("shop", "loja-01", "PodCreationFailed", "Kubernetes refuses to create pod loja-01-0: create Pod loja-01-0 "
                + "in StatefulSet loja-01 failed error: pods \"loja-01-0\" is forbidden: exceeded quota: compute");
        statefulSet("shop", "loja-01");
        failedCreate("shop", "loja-01", "pods \"loja-01-0\" is forbidden: exceeded quota: compute");

        ZapRunner.Result result = zap.run("doctor", "loja-01", "-n", "shop");

        assertThat(result.exitCode()).as(result.err()).isEqualTo(3);
        assertThat(result.out().lines()).containsExactly(
                "Session shop/loja-01: phase Pending, 1 problem",
                "- PodCreationFailed: Ready=False: Kubernetes refuses to create pod loja-01-0: create Pod loja-01-0 in "
                        + "StatefulSet loja-01 failed error: pods \"loja-01-0\" is forbidden: exceeded quota: compute "
                        + "-> raise the namespace's ResourceQuota (kubectl describe resourcequota -n shop) or lower "
                        + "spec.resources");
    }

    @Test
    void whatTheOperatorHasNotSaidYetIsReadFromTheStatefulSetsEvents() {
        cluster.resource("shop", "loja-01", SessionPhase.Pending, null);
        ready("shop", "loja-01", "PodNotReady", "the session pod is not ready yet");
        statefulSet("shop", "loja-01");
        failedCreate("shop", "loja-01", "pods \"loja-01-0\" is forbidden: violates PodSecurity \"restricted:latest\": "
                + "allowPrivilegeEscalation != false");

        ZapRunner.Result result = zap.run("doctor", "loja-01", "-n", "shop");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out().lines().toList()).hasSize(2).last().asString()
                .startsWith("- PodCreationFailed: Kubernetes refuses to create pod loja-01-0: ")
                .contains("violates PodSecurity", "-> the namespace's Pod Security level refuses the pod",
                        "pod-security.kubernetes.io/enforce on namespace shop");
    }

    @Test
    void aPodThatCannotBeScheduledOrPulledSaysSoOnceEach() {
        cluster.session("shop", "loja-01", SessionPhase.Pending, null, false);
        ready("shop", "loja-01", "ImagePullBackOff", "container session: ImagePullBackOff: Back-off pulling image");
        statefulSet("shop", "loja-01");
        client.pods().inNamespace("shop").withName("loja-01-0").editStatus(pod -> new PodBuilder(pod).editStatus()
                .addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/3 nodes are available: 3 Insufficient memory.").endCondition()
                .addNewContainerStatus().withName("session").withNewState().withNewWaiting().withReason("ImagePullBackOff")
                .withMessage("Back-off pulling image").endWaiting().endState().endContainerStatus()
                .endStatus().build());

        ZapRunner.Result result = zap.run("doctor", "loja-01", "-n", "shop");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out().lines().toList()).hasSize(3);
        assertThat(result.out()).contains("phase Pending, 2 problems", "- ImagePullBackOff: Ready=False: container session",
                "-> check the session image", "- Unschedulable: pod loja-01-0 cannot be scheduled: 0/3 nodes are "
                        + "available: 3 Insufficient memory. -> add nodes or capacity");
    }

    @Test
    void aConnectedSessionHasNothingWrong() {
        cluster.session("shop", "loja-01", SessionPhase.Connected, "5511999999999", true);
        statefulSet("shop", "loja-01");

        ZapRunner.Result result = zap.run("doctor", "loja-01", "-n", "shop");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsExactly("Session shop/loja-01: phase Connected, nothing wrong found");
        assertThat(forwarder.opened).as("the pod is not asked").isEmpty();
    }

    @Test
    void aSessionWhatsAppRestrictsSaysUntilWhenAndWhatToDo() {
        cluster.session("shop", "loja-01", SessionPhase.Connected, "5511999999999", true);
        statefulSet("shop", "loja-01");
        addCondition("shop", "loja-01", new ConditionBuilder().withType("Restricted").withStatus("True").withReason("ReachoutTimelocked")
                .withMessage("WhatsApp put the account under a reach-out restriction (BIZ_QUALITY) until 2026-12-01T10:00:00Z").build());

        ZapRunner.Result result = zap.run("doctor", "loja-01", "-n", "shop");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).contains("- ReachoutTimelocked: Restricted=True: WhatsApp put the account under a reach-out "
                + "restriction (BIZ_QUALITY) until 2026-12-01T10:00:00Z -> WhatsApp lifts it itself");
    }

    /** Issue 79 S5: the automatic replies leaving a flood unanswered is something to look at, with what to do. */
    @Test
    void automaticRepliesLeftUnansweredAreAProblemWithWhatToDo() {
        cluster.session("shop", "loja-01", SessionPhase.Connected, "5511999999999", true);
        statefulSet("shop", "loja-01");
        addCondition("shop", "loja-01", new ConditionBuilder().withType("AutoRepliesDropped").withStatus("True")
                .withReason("AutoRepliesDropped")
                .withMessage("801 incoming messages left unanswered by the automatic replies since the pod started "
                        + "(latest: queue-full at 2026-11-28T16:00:00Z); kubezap_auto_replies_dropped_total{reason} counts each")
                .build());

        ZapRunner.Result result = zap.run("doctor", "loja-01", "-n", "shop");

        assertThat(result.exitCode()).as(result.out()).isEqualTo(3);
        assertThat(result.out()).contains("phase Connected, 1 problem",
                "- AutoRepliesDropped: AutoRepliesDropped=True: 801 incoming messages left unanswered by the automatic "
                        + "replies since the pod started (latest: queue-full",
                "-> more messages arrived than the automatic replies keep up with (a flood, often from one contact)");
    }

    @Test
    void aSessionTheOperatorNeverSawSaysWhereToLook() {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("loja-09").withNamespace("shop").build());
        session.setSpec(new io.kubezap.api.v1alpha1.WhatsAppSessionSpec());
        client.resource(session).create();

        ZapRunner.Result result = zap.run("doctor", "loja-09", "-n", "shop");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.out()).contains("phase <no status>, 1 problem",
                "- NoStatus: the operator has not written this session's status -> check that the operator runs and "
                        + "watches namespace shop");
    }

    @Test
    void anUnknownSessionIsAnErrorNotADiagnosis() {
        ZapRunner.Result result = zap.run("doctor", "nope", "-n", "shop");

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("session nope not found in namespace shop");
    }

    /** The operator's condition beside those the session has. */
    private void addCondition(String namespace, String name, io.fabric8.kubernetes.api.model.Condition condition) {
        client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).edit(session -> {
            var conditions = new java.util.ArrayList<io.fabric8.kubernetes.api.model.Condition>(
                    session.getStatus().getConditions() == null ? List.of() : session.getStatus().getConditions());
            conditions.add(condition);
            session.getStatus().setConditions(conditions);
            return session;
        });
    }

    private void ready(String namespace, String name, String reason, String message) {
        client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).edit(session -> {
            session.getStatus().setConditions(List.of(new ConditionBuilder().withType("Ready").withStatus("False")
                    .withReason(reason).withMessage(message).build()));
            return session;
        });
    }

    private void statefulSet(String namespace, String name) {
        client.apps().statefulSets().inNamespace(namespace).resource(new StatefulSetBuilder()
                .withNewMetadata().withName(name).endMetadata().withNewSpec().withReplicas(1).endSpec().build()).create();
    }

    private void failedCreate(String namespace, String statefulSet, String error) {
        client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata().withName(statefulSet + ".187a2c").endMetadata()
                .withNewInvolvedObject().withKind("StatefulSet").withName(statefulSet).withNamespace(namespace)
                .endInvolvedObject().withType("Warning").withReason("FailedCreate")
                .withLastTimestamp("2026-11-25T10:00:00Z")
                .withMessage("create Pod " + statefulSet + "-0 in StatefulSet " + statefulSet + " failed error: " + error)
                .build()).create();
    }
}
