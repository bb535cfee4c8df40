package io.kubezap.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.api.v1alpha1.PairingStatus;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.contract.PairingMethod;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.contract.AccountRestrictions;
import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.operator.events.Reason;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusAggregatorTest {

    private static final Instant T0 = Instant.parse("2026-11-21T05:00:00Z");
    private static final Instant T1 = T0.plusSeconds(30);
    private static final Account ACCOUNT = new Account("5511999999999@s.whatsapp.net", "5511999999999", "Loja");

    @Test
    void podNotReadyYetIsPendingAndNothingIsConnected() {
        WhatsAppSessionStatus status = StatusAggregator.aggregate(null, seen(false, null, null), T0);

        assertThat(status.getPhase()).isEqualTo(SessionPhase.Pending);
        assertThat(status.getObservedGeneration()).isEqualTo(3L);
        assertThat(status.getEndpoint()).isEqualTo("http://loja.shop.svc:8080");
        assertThat(status.getApiKeySecret()).isEqualTo("loja-api-key");
        assertCondition(status, "PodReady", "False", "PodNotReady");
        assertCondition(status, "Connected", "False", "PodNotReady");
        assertCondition(status, "Ready", "False", "PodNotReady");
        assertCondition(status, "Paired", "Unknown", "Unknown");
        assertThat(status.getConditions()).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(3L));
    }

    @Test
    void waitingForQrShowsTheQrWithItsExpiryAndNamesItsSecretUntilItExpires() {
        ExpiringCode qr = new ExpiringCode("https://wa.me/settings/linked_devices#2@abc,n,i,a,1", T0.plusSeconds(20));
        SessionState waiting = state("WaitingForQR", qr, null, null);

        WhatsAppSessionStatus fresh = StatusAggregator.aggregate(null, seen(true, waiting, null), T0);
        assertThat(fresh.getPhase()).isEqualTo(SessionPhase.WaitingForQR);
        assertThat(fresh.getQr()).isEqualTo(qr);
        assertThat(fresh.getPairingCode()).isNull();
        assertThat(fresh.getPairing()).isEqualTo(new PairingStatus(PairingMethod.QR, "loja-pairing", T0.plusSeconds(20)));
        assertCondition(fresh, "PodReady", "True", "PodReady");
        assertCondition(fresh, "Paired", "False", "NotPaired");
        assertCondition(fresh, "Connected", "False", "WaitingForQR");

        WhatsAppSessionStatus expired = StatusAggregator.aggregate(fresh, seen(true, waiting, null), T0.plusSeconds(21));
        assertThat(expired.getPairing()).isNull();
        assertThat(expired.getQr()).isNull();
    }

    @Test
    void withCodesKeptInTheSecretTheStatusNamesTheSecretAndNeverCarriesTheCode() throws Exception {
        SessionState waitingForQr = state("WaitingForQR", new ExpiringCode("2@abc", T0.plusSeconds(20)), null, null);
        SessionState waitingForCode = state("WaitingForPairingCode", null, new ExpiringCode("ABCD-EFGH", T0.plusSeconds(60)), null);

        for (SessionState waiting : List.of(waitingForQr, waitingForCode)) {
            WhatsAppSessionStatus status = StatusAggregator.aggregate(null, seen(true, waiting, null), T0,
                    CodePlacement.SECRET_ONLY);
            assertThat(status.getPairing().secretName()).isEqualTo("loja-pairing");
            assertThat(status.getQr()).isNull();
            assertThat(status.getPairingCode()).isNull();
            assertThat(new ObjectMapper().findAndRegisterModules().writeValueAsString(status))
                    .doesNotContain("2@abc").doesNotContain("ABCD-EFGH");
        }
    }

    @Test
    void aPairingCodeIsShownOnlyWhileWaitingForIt() {
        ExpiringCode code = new ExpiringCode("ABCD-EFGH", T0.plusSeconds(60));

        WhatsAppSessionStatus waiting = StatusAggregator.aggregate(null,
                seen(true, state("WaitingForPairingCode", null, code, null), null), T0);
        assertThat(waiting.getPairing()).isEqualTo(new PairingStatus(PairingMethod.PairingCode, "loja-pairing", code.expiresAt()));
        assertThat(waiting.getPairingCode()).isEqualTo(code);
        assertThat(waiting.getQr()).isNull();
        WhatsAppSessionStatus connected = StatusAggregator.aggregate(waiting,
                seen(true, state("Connected", null, code, ACCOUNT), null), T0);
        assertThat(connected.getPairing()).isNull();
        assertThat(connected.getPairingCode()).isNull();
    }

    @Test
    void connectedSessionIsReadyWithItsAccountAndNoQr() {
        SessionState connected = state("Connected", new ExpiringCode("2@stale", T1), null, ACCOUNT);

        WhatsAppSessionStatus status = StatusAggregator.aggregate(null, seen(true, connected, null), T0);

        assertThat(status.getPhase()).isEqualTo(SessionPhase.Connected);
        assertThat(status.getPairing()).isNull();
        assertThat(status.getQr()).isNull();
        assertThat(status.getAccount()).isEqualTo(ACCOUNT);
        assertThat(status.getLastConnectedAt()).isEqualTo("2026-11-21T04:59:00Z");
        assertThat(status.getReconnects()).isEqualTo(4);
        assertCondition(status, "Ready", "True", "Connected");
        assertCondition(status, "Paired", "True", "Paired");
        assertCondition(status, "Connected", "True", "Connected");
    }

    @Test
    void unreachablePodNeverLeavesAStaleConnected() {
        WhatsAppSessionStatus connected = StatusAggregator.aggregate(null,
                seen(true, state("Connected", null, null, ACCOUNT), null), T0);

        WhatsAppSessionStatus lost = StatusAggregator.aggregate(connected, seen(true, null, "connection refused"), T1);

        assertThat(lost.getPhase()).isNotEqualTo(SessionPhase.Connected);
        assertCondition(lost, "PodReady", "False", "SessionApiUnreachable");
        assertThat(lost.condition("PodReady").orElseThrow().getMessage()).contains("connection refused");
        assertCondition(lost, "Connected", "False", "SessionApiUnreachable");
        assertCondition(lost, "Ready", "False", "SessionApiUnreachable");
        assertCondition(lost, "Paired", "True", "Paired");
        assertThat(lost.getAccount()).as("the last known account stays").isEqualTo(ACCOUNT);
    }

    @Test
    void lastTransitionTimeMovesOnlyWhenTheStatusFlips() {
        WhatsAppSessionStatus qr = StatusAggregator.aggregate(null,
                seen(true, state("WaitingForQR", null, null, null), null), T0);
        WhatsAppSessionStatus connected = StatusAggregator.aggregate(qr,
                seen(true, state("Connected", null, null, ACCOUNT), null), T1);

        assertThat(transition(connected, "PodReady")).isEqualTo(T0.toString());
        assertThat(transition(connected, "Connected")).isEqualTo(T1.toString());
        assertThat(StatusAggregator.aggregate(connected, seen(true, state("Connected", null, null, ACCOUNT), null),
                T1.plusSeconds(60))).as("nothing new seen, nothing to write").isEqualTo(connected);
    }

    @Test
    void loggedOutSessionIsNoLongerPaired() {
        WhatsAppSessionStatus status = StatusAggregator.aggregate(null,
                seen(true, new SessionState("loja", "shop", PodPhase.LoggedOut, null, null, null, null, 0,
                        new SessionState.LastError("LoggedOut", "device removed from the phone", T0), null, null), null), T0);

        assertThat(status.getPhase()).isEqualTo(SessionPhase.LoggedOut);
        assertCondition(status, "Paired", "False", "LoggedOut");
        assertCondition(status, "Connected", "False", "LoggedOut");
        assertThat(status.condition("Ready").orElseThrow().getMessage()).isEqualTo("device removed from the phone");
    }

    @Test
    void aProxyThatRefusesTheSessionIsTheReasonItIsNotConnected() {
        String why = "the session's proxy http://proxy.shop:3128 refused the tunnel to web.whatsapp.com:443 (status: 407"
                + " Proxy Authentication Required): check its credentials (spec.proxy.usernameRef and passwordRef)";
        WhatsAppSessionStatus status = StatusAggregator.aggregate(null,
                seen(true, new SessionState("loja", "shop", PodPhase.Reconnecting, null, null, ACCOUNT, null, 3,
                        new SessionState.LastError(SessionState.LastError.PROXY_REFUSED, why, T0), null, null), null), T0);

        assertThat(status.condition("Paired").orElseThrow().getStatus()).isEqualTo("True");
        assertCondition(status, "Connected", "False", "ProxyRefused");
        assertThat(status.condition("Connected").orElseThrow().getMessage()).isEqualTo(why);
    }

    @Test
    void suspendedAndHeldBackSessionsSayWhy() {
        Observation suspended = new Observation(3, "http://loja.shop.svc:8080", "loja-api-key", true, true, false, null, null);
        Observation held = new Observation(3, "http://loja.shop.svc:8080", "loja-api-key", false, false, false, null, null);

        WhatsAppSessionStatus asleep = StatusAggregator.aggregate(null, suspended, T0);
        WhatsAppSessionStatus waiting = StatusAggregator.aggregate(null, held, T0);

        assertThat(asleep.getPhase()).isEqualTo(SessionPhase.Suspended);
        assertCondition(asleep, "Ready", "False", "Suspended");
        assertThat(waiting.getPhase()).isEqualTo(SessionPhase.Pending);
        assertCondition(waiting, "Ready", "False", "SessionLimitReached");
    }

    @Test
    void blockedSessionKeepsWhatWasObservedAndExplainsInReady() {
        WhatsAppSessionStatus connected = StatusAggregator.aggregate(null,
                seen(true, state("Connected", null, null, ACCOUNT), null), T0);

        WhatsAppSessionStatus blocked = StatusAggregator.aggregate(connected, seen(true, null, null)
                .with(Observation.Dependents.failed("WebhookSecretMissing", "hooks/hmac not found")), T1);

        assertThat(blocked.getPhase()).isEqualTo(SessionPhase.Connected);
        assertThat(blocked.getAccount()).isEqualTo(ACCOUNT);
        assertCondition(blocked, "Ready", "False", "WebhookSecretMissing");
        assertCondition(blocked, "Connected", "True", "Connected");
    }

    @Test
    void everyPhaseOfThePodIsTheResourcesPhaseOfTheSameName() {
        for (PodPhase phase : PodPhase.values()) {
            assertThat(StatusAggregator.phaseOf(phase).name()).isEqualTo(phase.name());
        }
    }

    @Test
    void anUnknownPhaseIsReportedNotTakenForStarting() {
        WhatsAppSessionStatus status = StatusAggregator.aggregate(null, new Observation(3, "http://loja.shop.svc:8080",
                "loja-api-key", false, true, true, null, null, "Dancing", null), T0);

        assertThat(status.getPhase()).isNotEqualTo(SessionPhase.Starting);
        assertCondition(status, "Ready", "False", Reason.UnknownSessionPhase.name());
        assertThat(status.condition("Ready").orElseThrow().getMessage()).contains("Dancing");
    }

    @Test
    void aKeyStoreRepairTheRunningPodReportsKeepsKeyStoreHealthyFalseUntilAPodStartsWithoutOne() {
        SessionState healthy = state("Connected", null, null, ACCOUNT);
        SessionState repaired = healthy.withStoreRepair(new SessionState.StoreRepair(Reason.KeyStoreRestored.name(),
                "keys.proto could not be read; the session went on from its previous copy", T0));

        WhatsAppSessionStatus clean = StatusAggregator.aggregate(null, seen(true, healthy, null), T0);
        assertCondition(clean, "KeyStoreHealthy", "True", "KeyStoreReadable");
        WhatsAppSessionStatus afterRepair = StatusAggregator.aggregate(clean, seen(true, repaired, null), T1);
        assertCondition(afterRepair, "KeyStoreHealthy", "False", "KeyStoreRestored");
        assertThat(afterRepair.condition("KeyStoreHealthy").orElseThrow().getMessage())
                .contains("keys.proto could not be read").contains(T0.toString());
        assertCondition(afterRepair, "Ready", "True", "Connected");
        WhatsAppSessionStatus podAway = StatusAggregator.aggregate(afterRepair, seen(false, null, null), T1.plusSeconds(5));
        assertCondition(podAway, "KeyStoreHealthy", "False", "KeyStoreRestored");
        WhatsAppSessionStatus restartedCleanly = StatusAggregator.aggregate(podAway, seen(true, healthy, null), T1.plusSeconds(60));
        assertCondition(restartedCleanly, "KeyStoreHealthy", "True", "KeyStoreReadable");
    }

    @Test
    void aSessionOverItsStorageQuotaSaysSoUntilItIsBelowAgain() {
        SessionState within = state("Connected", null, null, ACCOUNT);
        SessionState over = within.withStorageQuota(new SessionState.StorageQuota(6_000_000, 5_242_880, T0));

        WhatsAppSessionStatus neverReached = StatusAggregator.aggregate(null, seen(true, within, null), T0);
        assertThat(neverReached.condition("StorageQuota")).isEmpty();
        WhatsAppSessionStatus exceeded = StatusAggregator.aggregate(neverReached, seen(true, over, null), T1);
        assertCondition(exceeded, "StorageQuota", "False", "QuotaExceeded");
        assertThat(exceeded.condition("StorageQuota").orElseThrow().getMessage())
                .contains("6000000").contains("5242880").contains("507").contains("texts are still stored");
        assertCondition(exceeded, "Ready", "True", "Connected");
        WhatsAppSessionStatus podAway = StatusAggregator.aggregate(exceeded, seen(false, null, null), T1.plusSeconds(5));
        assertCondition(podAway, "StorageQuota", "False", "QuotaExceeded");
        WhatsAppSessionStatus pruned = StatusAggregator.aggregate(podAway, seen(true, within, null), T1.plusSeconds(60));
        assertCondition(pruned, "StorageQuota", "True", "WithinQuota");
    }

    @Test
    void aTimelockedAccountIsRestrictedUntilItsEndAndSaysSoUntilWhatsAppLiftsIt() {
        SessionState connected = state("Connected", null, null, ACCOUNT);
        Instant ends = T0.plusSeconds(6 * 3600);
        SessionState timelocked = connected.withRestrictions(new AccountRestrictions(
                new AccountRestrictions.ReachoutTimelock(true, ends, "BIZ_QUALITY"), null));
        SessionState lifted = connected.withRestrictions(new AccountRestrictions(
                new AccountRestrictions.ReachoutTimelock(false, null, "DEFAULT"), null));

        WhatsAppSessionStatus neverRestricted = StatusAggregator.aggregate(null, seen(true, lifted, null), T0);
        assertThat(neverRestricted.condition("Restricted")).isEmpty();
        WhatsAppSessionStatus restricted = StatusAggregator.aggregate(neverRestricted, seen(true, timelocked, null), T1);
        assertCondition(restricted, "Restricted", "True", "ReachoutTimelocked");
        assertThat(restricted.condition("Restricted").orElseThrow().getMessage())
                .contains(ends.toString()).contains("BIZ_QUALITY").contains("reachout-timelocked");
        assertCondition(restricted, "Ready", "True", "Connected");
        WhatsAppSessionStatus podAway = StatusAggregator.aggregate(restricted, seen(false, null, null), T1.plusSeconds(5));
        assertCondition(podAway, "Restricted", "True", "ReachoutTimelocked");
        WhatsAppSessionStatus over = StatusAggregator.aggregate(podAway, seen(true, lifted, null), T1.plusSeconds(60));
        assertCondition(over, "Restricted", "False", "NotRestricted");
        WhatsAppSessionStatus endPassed = StatusAggregator.aggregate(restricted, seen(true, timelocked, null), ends.plusSeconds(1));
        assertCondition(endPassed, "Restricted", "False", "NotRestricted");
    }

    @Test
    void anAccountThatUsedItsNewChatQuotaIsRestrictedUntilTheCycleEnds() {
        Instant cycleEnds = T0.plusSeconds(30L * 24 * 3600);
        SessionState capped = state("Connected", null, null, ACCOUNT).withRestrictions(new AccountRestrictions(null,
                AccountRestrictions.NewChatMessageCap.of("CAPPED", 20, 20, cycleEnds)));

        WhatsAppSessionStatus status = StatusAggregator.aggregate(null, seen(true, capped, null), T0);

        assertCondition(status, "Restricted", "True", "NewChatLimitReached");
        assertThat(status.condition("Restricted").orElseThrow().getMessage())
                .contains("20").contains(cycleEnds.toString()).contains("new-chat-limit");
    }

    @Test
    void aVolumeItsStorageClassWillNotGrowSaysSoWhileTheSessionServesOn() {
        String why = "volume claim data-loja-0 stays at 1Gi: its StorageClass standard does not allow volume expansion";
        Observation connected = seen(true, state("Connected", null, null, ACCOUNT), null);

        WhatsAppSessionStatus refused = StatusAggregator.aggregate(null,
                connected.with(new Observation.Dependents(null, why)), T0);
        assertCondition(refused, "StorageResized", "False", "StorageExpansionUnsupported");
        assertThat(refused.condition("StorageResized").orElseThrow().getMessage()).isEqualTo(why);
        assertCondition(refused, "Ready", "True", "Connected");
        WhatsAppSessionStatus stillRefused = StatusAggregator.aggregate(refused,
                connected.with(new Observation.Dependents(null, why)), T1);
        assertThat(transition(stillRefused, "StorageResized")).isEqualTo(T0.toString());
        assertThat(stillRefused).as("nothing new seen, nothing to write").isEqualTo(refused);
        WhatsAppSessionStatus sizeTakenBack = StatusAggregator.aggregate(stillRefused, connected, T1);
        assertThat(sizeTakenBack.condition("StorageResized")).isEmpty();
    }

    @Test
    void aRefusedStorageModeSwitchIsAConditionWhileTheSessionServesOnInItsMode() {
        String why = "spec.storage.mode asks for Database, but the session runs in Volume mode";
        Observation connected = seen(true, state("Connected", null, null, ACCOUNT), null);

        WhatsAppSessionStatus refused = StatusAggregator.aggregate(null,
                connected.with(new Observation.Dependents(null, null, why)), T0);
        assertCondition(refused, "StorageModeKept", "True", "StorageModeSwitchRefused");
        assertThat(refused.condition("StorageModeKept").orElseThrow().getMessage()).isEqualTo(why);
        assertCondition(refused, "Ready", "True", "Connected");
        assertThat(StatusAggregator.aggregate(refused, connected, T1).condition("StorageModeKept")).isEmpty();
    }

    @Test
    void ignoredSpecFieldsAreOneConditionNamingEachWithWhy() {
        Observation seen = seen(false, null, null).ignoring(List.of("spec.media.allowPrivateUrls is ignored: a",
                "spec.events.sinks 'audit' is ignored: b"));

        WhatsAppSessionStatus status = StatusAggregator.aggregate(null, seen, T0);

        assertCondition(status, "SpecFieldsIgnored", "True", "FieldsReservedToTheClusterAdmin");
        assertThat(status.condition("SpecFieldsIgnored").orElseThrow().getMessage())
                .isEqualTo("spec.media.allowPrivateUrls is ignored: a; spec.events.sinks 'audit' is ignored: b");
        assertThat(StatusAggregator.aggregate(status, seen(false, null, null), T1).condition("SpecFieldsIgnored")).isEmpty();
    }

    @Test
    void aFailedDependentBlocksWithItsReasonAndNothingElseIsClaimed() {
        Observation failed = seen(true, state("Connected", null, null, ACCOUNT), null)
                .ignoring(List.of("spec.media.allowPrivateUrls is ignored: a"))
                .with(new Observation.Dependents(new Observation.Failure("DatabaseUnavailable", "connection refused"),
                        "the claim cannot grow"));

        WhatsAppSessionStatus blocked = StatusAggregator.aggregate(null, failed, T0);

        assertThat(blocked.getPhase()).isEqualTo(SessionPhase.Pending);
        assertCondition(blocked, "Ready", "False", "DatabaseUnavailable");
        assertThat(blocked.getConditions()).extracting(Condition::getType)
                .containsExactly("Ready", "PodReady", "Paired", "Connected");
    }

    private static Observation seen(boolean podReady, SessionState state, String apiError) {
        return new Observation(3, "http://loja.shop.svc:8080", "loja-api-key", false, true, podReady, state, apiError);
    }

    /** The pod's state document. */
    private static SessionState state(String phase, ExpiringCode qr, ExpiringCode pairingCode, Account account) {
        return new SessionState("loja", "shop", PodPhase.valueOf(phase), qr, pairingCode, account,
                account == null ? null : Instant.parse("2026-11-21T04:59:00Z"), account == null ? 0 : 4, null, null, null);
    }

    private static void assertCondition(WhatsAppSessionStatus status, String type, String value, String reason) {
        Condition condition = status.condition(type).orElseThrow();
        assertThat(condition.getStatus()).as(type).isEqualTo(value);
        assertThat(condition.getReason()).as(type + " reason").isEqualTo(reason);
    }

    private static String transition(WhatsAppSessionStatus status, String type) {
        return status.condition(type).orElseThrow().getLastTransitionTime();
    }
}
