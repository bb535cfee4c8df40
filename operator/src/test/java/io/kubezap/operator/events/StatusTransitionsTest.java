package io.kubezap.operator.events;

import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.contract.AccountRestrictions;
import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.operator.status.Observation;
import io.kubezap.operator.status.StatusAggregator;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StatusTransitionsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");
    private static final Account ACCOUNT = new Account("5511999999999@s.whatsapp.net", "5511999999999", "Loja");

    @Test
    void qrIssuedOnceWhenTheFirstCodeAppears() {
        WhatsAppSessionStatus starting = status(null, "Starting", null);
        WhatsAppSessionStatus qr = status(starting, "WaitingForQR", null);

        assertThat(reasons(starting, qr)).containsExactly("QRIssued");
        assertThat(reasons(qr, status(qr, "WaitingForQR", null))).isEmpty();
    }

    @Test
    void pairingAndConnectingAreAnnounced() {
        WhatsAppSessionStatus qr = status(null, "WaitingForQR", null);

        assertThat(reasons(qr, status(qr, "Connected", ACCOUNT))).containsExactly("Paired", "Connected");
    }

    @Test
    void droppedConnectionAndLogoutAreWarnings() {
        WhatsAppSessionStatus connected = status(null, "Connected", ACCOUNT);
        WhatsAppSessionStatus reconnecting = status(connected, "Reconnecting", ACCOUNT);
        WhatsAppSessionStatus loggedOut = status(connected, "LoggedOut", null);

        assertThat(StatusTransitions.between(connected, reconnecting)).singleElement()
                .satisfies(e -> {
                    assertThat(e.reason()).isEqualTo("Disconnected");
                    assertThat(e.warning()).isTrue();
                });
        assertThat(reasons(connected, loggedOut)).containsExactly("Disconnected", "LoggedOut");
    }

    @Test
    void unreachablePodIsReportedButNotWhileItIsStillStarting() {
        WhatsAppSessionStatus connected = status(null, "Connected", ACCOUNT);
        WhatsAppSessionStatus lost = StatusAggregator.aggregate(connected,
                new Observation(1, "e", "k", false, true, true, null, "connection refused"), NOW);
        WhatsAppSessionStatus notReady = StatusAggregator.aggregate(null,
                new Observation(1, "e", "k", false, true, false, null, null), NOW);

        assertThat(reasons(connected, lost)).containsExactly("Disconnected", "SessionApiUnreachable");
        assertThat(reasons(null, notReady)).isEmpty();
    }

    @Test
    void eachKeyStoreRepairIsOneWarning() {
        WhatsAppSessionStatus connected = status(null, "Connected", ACCOUNT);
        WhatsAppSessionStatus restored = repaired(connected, "KeyStoreRestored", NOW);
        WhatsAppSessionStatus polledAgain = repaired(restored, "KeyStoreRestored", NOW);
        WhatsAppSessionStatus unreadable = repaired(polledAgain, "KeyStoreUnreadable", NOW.plusSeconds(9));

        assertThat(StatusTransitions.between(connected, restored)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("KeyStoreRestored");
            assertThat(e.warning()).isTrue();
            assertThat(e.message()).contains("keys.proto");
        });
        assertThat(reasons(restored, polledAgain)).isEmpty();
        assertThat(reasons(polledAgain, unreadable)).containsExactly("KeyStoreUnreadable");
    }

    @Test
    void reachingTheStorageQuotaIsOneWarning() {
        WhatsAppSessionStatus connected = status(null, "Connected", ACCOUNT);
        SessionState over = new SessionState("loja", "shop", PodPhase.Connected, null, null, ACCOUNT, null, 0, null, null,
                new SessionState.StorageQuota(6_000_000, 5_242_880, NOW));
        WhatsAppSessionStatus exceeded = StatusAggregator.aggregate(connected,
                new Observation(1, "e", "k", false, true, true, over, null), NOW);
        WhatsAppSessionStatus polledAgain = StatusAggregator.aggregate(exceeded,
                new Observation(1, "e", "k", false, true, true, over, null), NOW.plusSeconds(30));

        assertThat(StatusTransitions.between(connected, exceeded)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("QuotaExceeded");
            assertThat(e.warning()).isTrue();
            assertThat(e.message()).contains("5242880");
        });
        assertThat(reasons(exceeded, polledAgain)).isEmpty();
    }

    @Test
    void aReachOutRestrictionIsOneWarningAndItsEndOneNormalEvent() {
        WhatsAppSessionStatus connected = status(null, "Connected", ACCOUNT);
        SessionState plain = new SessionState("loja", "shop", PodPhase.Connected, null, null, ACCOUNT, null, 0, null, null, null);
        SessionState timelocked = plain.withRestrictions(new AccountRestrictions(
                new AccountRestrictions.ReachoutTimelock(true, NOW.plusSeconds(3600), "BIZ_QUALITY"), null));
        SessionState lifted = plain.withRestrictions(new AccountRestrictions(
                new AccountRestrictions.ReachoutTimelock(false, null, "DEFAULT"), null));
        WhatsAppSessionStatus restricted = StatusAggregator.aggregate(connected,
                new Observation(1, "e", "k", false, true, true, timelocked, null), NOW);
        WhatsAppSessionStatus polledAgain = StatusAggregator.aggregate(restricted,
                new Observation(1, "e", "k", false, true, true, timelocked, null), NOW.plusSeconds(30));
        WhatsAppSessionStatus over = StatusAggregator.aggregate(polledAgain,
                new Observation(1, "e", "k", false, true, true, lifted, null), NOW.plusSeconds(60));

        assertThat(StatusTransitions.between(connected, restricted)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("ReachoutTimelocked");
            assertThat(e.warning()).isTrue();
            assertThat(e.message()).contains(NOW.plusSeconds(3600).toString());
        });
        assertThat(reasons(restricted, polledAgain)).isEmpty();
        assertThat(StatusTransitions.between(polledAgain, over)).singleElement().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("NotRestricted");
            assertThat(e.warning()).isFalse();
        });
    }

    @Test
    void eachVersionWhatsAppRefusesAsOutdatedIsOneWarningAndTheConditionsReason() {
        WhatsAppSessionStatus connected = status(null, "Connected", ACCOUNT);
        WhatsAppSessionStatus refused = outdated(connected, "2.3000.1022032575");
        WhatsAppSessionStatus refusedAgain = outdated(refused, "2.3000.1022032575");
        WhatsAppSessionStatus nextRefused = outdated(refusedAgain, "2.3000.1030000001");

        assertThat(refused.condition("Connected").orElseThrow().getReason()).isEqualTo("ClientOutdated");
        assertThat(refused.condition("Ready").orElseThrow().getReason()).isEqualTo("ClientOutdated");
        assertThat(reasons(connected, refused)).containsExactly("Disconnected", "ClientOutdated");
        assertThat(StatusTransitions.between(connected, refused).getLast()).satisfies(e -> {
            assertThat(e.warning()).isTrue();
            assertThat(e.message()).contains("2.3000.1022032575", "outdated");
        });
        assertThat(reasons(refused, refusedAgain)).isEmpty();
        assertThat(reasons(refusedAgain, nextRefused)).containsExactly("ClientOutdated");
        assertThat(reasons(status(null, "Starting", null), outdated(null, "2.3000.1022032575"))).containsExactly("ClientOutdated");
    }

    private static WhatsAppSessionStatus outdated(WhatsAppSessionStatus previous, String version) {
        SessionState state = new SessionState("loja", "shop", PodPhase.Reconnecting, null, null, previous == null ? null : ACCOUNT,
                null, 1, new SessionState.LastError(SessionState.LastError.CLIENT_OUTDATED, "WhatsApp refused WhatsApp Web "
                + version + " as outdated (failure 405)", NOW), null, null);
        return StatusAggregator.aggregate(previous, new Observation(1, "e", "k", false, true, true, state, null), NOW);
    }

    private static WhatsAppSessionStatus repaired(WhatsAppSessionStatus previous, String reason, Instant at) {
        SessionState state = new SessionState("loja", "shop", PodPhase.Connected, null, null, ACCOUNT, null, 0, null,
                new SessionState.StoreRepair(reason, "The WhatsApp key store's keys.proto could not be read", at), null);
        return StatusAggregator.aggregate(previous, new Observation(1, "e", "k", false, true, true, state, null), NOW);
    }

    @Test
    void aPodThatCannotBeCreatedIsAWarningOnceThoughPodReadyWasFalseAlready() {
        WhatsAppSessionStatus starting = StatusAggregator.aggregate(null,
                new Observation(1, "e", "k", false, true, false, null, null), NOW);
        var refused = new io.kubezap.operator.status.PodDiagnosis.Problem("PodCreationFailed",
                "Kubernetes refuses to create pod loja-0: exceeded quota: compute");
        WhatsAppSessionStatus notCreated = StatusAggregator.aggregate(starting,
                new Observation(1, "e", "k", false, true, false, null, null, null, refused), NOW);
        WhatsAppSessionStatus stillNotCreated = StatusAggregator.aggregate(notCreated,
                new Observation(1, "e", "k", false, true, false, null, null, null, refused), NOW);

        assertThat(StatusTransitions.between(starting, notCreated)).singleElement().satisfies(e -> {
            assertThat(e.warning()).isTrue();
            assertThat(e.reason()).isEqualTo("PodCreationFailed");
            assertThat(e.message()).contains("exceeded quota");
        });
        assertThat(reasons(notCreated, stillNotCreated)).isEmpty();
        WhatsAppSessionStatus suspended = StatusAggregator.aggregate(starting,
                new Observation(1, "e", "k", true, true, false, null, null), NOW);
        assertThat(reasons(starting, suspended)).as("the operator's own reasons are not the pod's problem").isEmpty();
    }

    private static WhatsAppSessionStatus status(WhatsAppSessionStatus previous, String phase, Account account) {
        var qr = new ExpiringCode("2@code", NOW.plusSeconds(60));
        SessionState state = new SessionState("loja", "shop", PodPhase.valueOf(phase), qr, null, account, null, 0, null, null, null);
        return StatusAggregator.aggregate(previous, new Observation(1, "e", "k", false, true, true, state, null), NOW);
    }

    private static java.util.List<String> reasons(WhatsAppSessionStatus before, WhatsAppSessionStatus after) {
        return StatusTransitions.between(before, after).stream().map(SessionEvent::reason).toList();
    }
}
