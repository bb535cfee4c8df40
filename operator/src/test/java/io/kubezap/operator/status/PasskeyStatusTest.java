package io.kubezap.operator.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Condition;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.contract.PasskeyChallenge;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A passkey-protected account's link waits for the owner's passkey: the resource shows the challenge and says why. */
class PasskeyStatusTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final PasskeyChallenge CHALLENGE = new PasskeyChallenge("q83vEjRWeJq83vEjRWeJ", "whatsapp.com",
            "{\"challenge\":\"q83vEjRWeJq83vEjRWeJ\",\"rpId\":\"whatsapp.com\"}", T0.plusSeconds(600));

    @Test
    void waitingForThePasskeyShowsTheChallengeWithItsExpiryAndTheReasonPasskeyRequired() {
        WhatsAppSessionStatus status = StatusAggregator.aggregate(null, seen(waiting()), T0);

        assertThat(status.getPhase()).isEqualTo(SessionPhase.WaitingForPasskey);
        assertThat(status.getPasskey()).isEqualTo(CHALLENGE);
        assertCondition(status, "Ready", "False", "PasskeyRequired");
        assertCondition(status, "Connected", "False", "PasskeyRequired");
        assertCondition(status, "Paired", "False", "NotPaired");
    }

    @Test
    void anExpiredChallengeLeavesTheStatusAndAConnectedSessionShowsNone() {
        WhatsAppSessionStatus shown = StatusAggregator.aggregate(null, seen(waiting()), T0);

        assertThat(StatusAggregator.aggregate(shown, seen(waiting()), T0.plusSeconds(601)).getPasskey()).isNull();
        Account account = new Account("5511999990067@s.whatsapp.net", "5511999990067", "Loja");
        SessionState connected = new SessionState("loja", "shop", PodPhase.Connected, null, null, account, T0, 0, null, null, null, null, CHALLENGE);
        WhatsAppSessionStatus linked = StatusAggregator.aggregate(shown, seen(connected), T0.plusSeconds(5));
        assertThat(linked.getPasskey()).isNull();
        assertCondition(linked, "Ready", "True", "Connected");
    }

    @Test
    void withCodesKeptInTheSecretTheStatusCarriesNoChallengeButStillTheReason() throws Exception {
        WhatsAppSessionStatus status = StatusAggregator.aggregate(null, seen(waiting()), T0, CodePlacement.SECRET_ONLY);

        assertThat(status.getPasskey()).isNull();
        assertThat(new ObjectMapper().findAndRegisterModules().writeValueAsString(status)).doesNotContain(CHALLENGE.challenge());
        assertCondition(status, "Ready", "False", "PasskeyRequired");
    }

    @Test
    void aReportThatAsksForThePasskeyWaitsForTheReconcileThatWritesThePairingSecret() {
        assertThat(PodReport.needsNoDependent(waiting())).isFalse();
    }

    private static SessionState waiting() {
        return new SessionState("loja", "shop", PodPhase.WaitingForPasskey, null, null, null, null, 0, null, null, null, null, CHALLENGE);
    }

    private static Observation seen(SessionState state) {
        return new Observation(3, "http://loja.shop.svc:8080", "loja-api-key", false, true, true, state, null);
    }

    private static void assertCondition(WhatsAppSessionStatus status, String type, String value, String reason) {
        Condition condition = status.condition(type).orElseThrow();
        assertThat(condition.getStatus()).as(type).isEqualTo(value);
        assertThat(condition.getReason()).as(type + " reason").isEqualTo(reason);
    }
}
