package io.kubezap.operator.status;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.kubezap.api.v1alpha1.EffectiveOutputs;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PodReportTest {

    private static final Instant T0 = Instant.parse("2026-11-21T05:00:00Z");
    private static final Account ACCOUNT = new Account("5511999999999@s.whatsapp.net", "5511999999999", "Loja");
    private static final List<String> IGNORED = List.of("spec.podTemplate.nodeSelector is reserved to the cluster admin");
    private static final Observation.Dependents DEPENDENTS = new Observation.Dependents(null,
            "volume claim data-loja-0 stays at 1Gi: its StorageClass standard does not allow volume expansion",
            "the session keeps storage mode Volume");
    private static final EffectiveOutputs OUTPUTS = new EffectiveOutputs(List.of(), List.of());

    @Test
    void aPodsReportMakesTheStatusItsReconcileWouldWhileTheDependentsReportTheSame() {
        WhatsAppSession session = session(3, reconciled(3, state(PodPhase.Connected, "Loja"), T0));
        SessionState reconnecting = state(PodPhase.Reconnecting, "Loja Nova");
        Instant now = T0.plusSeconds(60);

        WhatsAppSessionStatus fromTheReport = StatusAggregator.aggregate(session.getStatus(),
                PodReport.observation(session, reconnecting, IGNORED), now);

        assertThat(fromTheReport).isEqualTo(reconciled(session.getStatus(), 3, reconnecting, now));
        assertThat(fromTheReport.getAccount().pushName()).isEqualTo("Loja Nova");
        assertThat(fromTheReport.condition("StorageModeKept")).isPresent();
        assertThat(fromTheReport.getOutputs()).isEqualTo(OUTPUTS);
    }

    @Test
    void onlyAStatusOfTheCurrentSpecWithTheReadyPodServingLetsTheReportAlone() {
        WhatsAppSessionStatus served = reconciled(3, state(PodPhase.Connected, "Loja"), T0);
        assertThat(PodReport.servedByReadyPod(session(3, served))).isTrue();

        assertThat(PodReport.servedByReadyPod(session(3, null))).as("never reconciled").isFalse();
        assertThat(PodReport.servedByReadyPod(session(4, served))).as("the spec changed since").isFalse();
        WhatsAppSession suspended = session(3, served);
        suspended.getSpec().setSuspend(true);
        assertThat(PodReport.servedByReadyPod(suspended)).as("suspended").isFalse();
        WhatsAppSessionStatus podNotReady = StatusAggregator.aggregate(null,
                new Observation(3, "http://loja.shop.svc:8080", "loja-api-key", false, true, false, null, null), T0);
        assertThat(PodReport.servedByReadyPod(session(3, podNotReady))).as("pod not ready").isFalse();
    }

    @Test
    void aReportWithACodeWaitsForTheReconcileThatWritesItsPairingSecret() {
        assertThat(PodReport.needsNoDependent(state(PodPhase.WaitingForQR, "Loja"))).isFalse();
        assertThat(PodReport.needsNoDependent(state(PodPhase.WaitingForPairingCode, "Loja"))).isFalse();
        assertThat(PodReport.needsNoDependent(state(PodPhase.Reconnecting, "Loja"))).isTrue();
        assertThat(PodReport.needsNoDependent(state(PodPhase.LoggedOut, "Loja"))).isTrue();
    }

    private static WhatsAppSessionStatus reconciled(long generation, SessionState state, Instant now) {
        return reconciled(null, generation, state, now);
    }

    /** What a reconcile writes, its dependents and outputs as in every reconcile of this test. */
    private static WhatsAppSessionStatus reconciled(WhatsAppSessionStatus previous, long generation, SessionState state,
                                                    Instant now) {
        return StatusAggregator.aggregate(previous, new Observation(generation, "http://loja.shop.svc:8080",
                "loja-api-key", false, true, true, state, null, null, null, DEPENDENTS, IGNORED, OUTPUTS), now);
    }

    private static WhatsAppSession session(long generation, WhatsAppSessionStatus status) {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withName("loja").withNamespace("shop").withGeneration(generation).build());
        session.setStatus(status);
        return session;
    }

    private static SessionState state(PodPhase phase, String pushName) {
        return new SessionState("loja", "shop", phase, null, null,
                new Account(ACCOUNT.jid(), ACCOUNT.phoneNumber(), pushName), Instant.parse("2026-11-21T04:59:00Z"), 4,
                null, null, null);
    }
}
