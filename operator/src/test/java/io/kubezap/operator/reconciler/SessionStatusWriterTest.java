package io.kubezap.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubezap.api.v1alpha1.EffectiveOutputs;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.operator.status.Observation;
import io.kubezap.operator.status.PodReport;
import io.kubezap.operator.status.StatusAggregator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The status a pod's report makes, written outside the reconcile ({@link SessionStatusWriter.OutsideReconcile}) where the operator
 * does not apply (the mock API server of every operator and system test, which merges a JSON merge patch's lists into
 * the stored ones): the status stored is the one computed, whole, and the reconciles that follow, written as JOSDK
 * writes a status without server-side apply, keep the Ready condition.
 */
@EnableKubernetesMockClient(crud = true)
class SessionStatusWriterTest {

    private static final Instant SCANNED = Instant.parse("2026-11-26T10:00:00Z");
    private static final Account OWNER = new Account("5511988880301@s.whatsapp.net", "5511988880301", "Balcão");
    private static final EffectiveOutputs NO_OUTPUTS = new EffectiveOutputs(List.of(), List.of());
    private static final EffectiveOutputs A_WEBHOOK = new EffectiveOutputs(
            List.of(new EffectiveOutputs.Output("http://hooks.shop.svc/whatsapp", EffectiveOutputs.FROM_INSTALLATION)),
            List.of());

    KubernetesClient client;

    @Test
    void aReportThatEndsTheWaitForAQrReplacesTheWholeStatus() {
        WhatsAppSession waiting = waitingForItsQr(A_WEBHOOK);
        assertThat(waiting.getStatus().getPairing()).isNotNull();

        WhatsAppSessionStatus reported = reported(waiting, state(PodPhase.Connected, null, OWNER));

        WhatsAppSessionStatus shown = stored().getStatus();
        assertThat(shown.getConditions()).as("the report's conditions, not appended to the QR's")
                .extracting(Condition::getType)
                .containsExactly("Ready", "PodReady", "Paired", "Connected", "KeyStoreHealthy");
        assertThat(shown.getPairing()).as("no code waits once connected").isNull();
        assertThat(shown.getOutputs().getWebhooks()).as("the outputs as they were, once").hasSize(1);
        assertThat(shown).isEqualTo(reported);
    }

    /**
     * The interleaving KubectlZapIT met once: after the scan the session starts (a reconcile writes it), its pod's
     * Connected is written from its report, then two reconciles start from the session as the cache had it after that
     * write, in the same second: the second one before the watch brought the first one's write (JOSDK drops its own
     * copy of a written resource when an older event arrives), so it patches what the first one wrote.
     */
    @Test
    void theReconcilesAfterAReportKeepTheReadyCondition() {
        WhatsAppSession starting = startedAfterTheScan(waitingForItsQr(NO_OUTPUTS));
        SessionState connected = state(PodPhase.Connected, null, OWNER);
        reported(starting, connected);

        WhatsAppSession afterReport = stored();
        for (int reconcile = 0; reconcile < 2; reconcile++) {
            asJosdkPatchesAStatus(afterReport, StatusAggregator.aggregate(afterReport.getStatus(),
                    reconcileObservation(afterReport, connected, NO_OUTPUTS), SCANNED));
        }

        WhatsAppSessionStatus shown = stored().getStatus();
        assertThat(shown.getPhase()).isEqualTo(SessionPhase.Connected);
        assertThat(shown.getConditions()).as("as kubectl wait --for=condition=Ready reads them")
                .filteredOn(condition -> WhatsAppSessionStatus.CONDITION_READY.equals(condition.getType()))
                .extracting(Condition::getStatus).containsExactly("True");
    }

    @Test
    void aReportComputedFromAnOlderVersionOfTheSessionIsLeftToItsReconcile() {
        WhatsAppSession waiting = waitingForItsQr(NO_OUTPUTS);
        WhatsAppSessionStatus starting = startedAfterTheScan(waiting).getStatus();

        WhatsAppSessionStatus next = StatusAggregator.aggregate(waiting.getStatus(),
                PodReport.observation(waiting, state(PodPhase.Connected, null, OWNER), List.of()), SCANNED);
        boolean written = new SessionStatusWriter.OutsideReconcile(client, null, null)
                .write(waiting, SessionStatusWriter.withStatus(waiting, next));

        assertThat(written).isFalse();
        assertThat(stored().getStatus()).isEqualTo(starting);
    }

    /** The status of {@code session} from its pod's report of {@code state}, written as a notified answer writes it. */
    private WhatsAppSessionStatus reported(WhatsAppSession session, SessionState state) {
        WhatsAppSessionStatus next = StatusAggregator.aggregate(session.getStatus(),
                PodReport.observation(session, state, List.of()), SCANNED);
        assertThat(new SessionStatusWriter.OutsideReconcile(client, null, null)
                .write(session, SessionStatusWriter.withStatus(session, next))).isTrue();
        return next;
    }

    /** A new session whose first reconcile saw its pod show a QR. */
    private WhatsAppSession waitingForItsQr(EffectiveOutputs outputs) {
        WhatsAppSession session = new WhatsAppSession();
        session.setMetadata(new ObjectMetaBuilder().withName("quiosque").withNamespace("shop").build());
        session.setSpec(new WhatsAppSessionSpec());
        WhatsAppSession created = client.resource(session).create();
        SessionState qr = state(PodPhase.WaitingForQR, new ExpiringCode("2@qr", SCANNED.plusSeconds(60)), null);
        asJosdkPatchesAStatus(created, StatusAggregator.aggregate(null, reconcileObservation(created, qr, outputs),
                SCANNED.minusSeconds(20)));
        return stored();
    }

    /** The QR scanned: a reconcile saw the pod start again, linked. */
    private WhatsAppSession startedAfterTheScan(WhatsAppSession waiting) {
        SessionState starting = state(PodPhase.Starting, null, OWNER);
        asJosdkPatchesAStatus(waiting, StatusAggregator.aggregate(waiting.getStatus(),
                reconcileObservation(waiting, starting, waiting.getStatus().getOutputs()), SCANNED.minusSeconds(5)));
        return stored();
    }

    private static Observation reconcileObservation(WhatsAppSession session, SessionState state,
                                                    EffectiveOutputs outputs) {
        Long generation = session.getMetadata().getGeneration();
        return new Observation(generation == null ? 0 : generation, "http://quiosque-0.kubezap-sessions.shop.svc:8080",
                "quiosque-api-key", false, true, true, state, null, null, null, Observation.Dependents.NONE, List.of(),
                outputs);
    }

    /**
     * A reconcile's {@code UpdateControl.patchStatus} as JOSDK 5.2 writes it without server-side apply
     * ({@code ReconciliationDispatcher.CustomResourceFacade.editStatus}): a JSON Patch from the session the reconcile
     * started from to the same with the new status, without its resource version, applied to what the server holds.
     */
    private void asJosdkPatchesAStatus(WhatsAppSession startedFrom, WhatsAppSessionStatus next) {
        WhatsAppSession original = new KubernetesSerialization().clone(startedFrom);
        original.getMetadata().setResourceVersion(null);
        client.resource(original).editStatus(session -> {
            session.setStatus(next);
            return session;
        });
    }

    private WhatsAppSession stored() {
        return client.resources(WhatsAppSession.class).inNamespace("shop").withName("quiosque").get();
    }

    private static SessionState state(PodPhase phase, ExpiringCode qr, Account account) {
        return new SessionState("quiosque", "shop", phase, qr, null, account,
                phase == PodPhase.Connected ? SCANNED : null, 0, null, null, null);
    }
}
