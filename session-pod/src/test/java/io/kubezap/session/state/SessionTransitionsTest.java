package io.kubezap.session.state;

import io.kubezap.contract.Account;
import io.kubezap.contract.AccountRestrictions;
import io.kubezap.contract.SessionState;
import io.kubezap.contract.PodPhase;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.session.state.SessionTransitions.Transition;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTransitionsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T05:00:00Z");
    private static final Account ACCOUNT = new Account("5511999999999@s.whatsapp.net", "5511999999999", "Loja");

    private SessionState state = SessionState.starting("loja-01", "shop");

    @Test
    void pairingByQrThenConnecting() {
        Transition qr = apply(new EngineEvent.QrIssued("2@ref1,a,b,c,1", NOW.plusSeconds(60)));
        assertThat(state.phase()).isEqualTo(PodPhase.WaitingForQR);
        assertThat(state.qr().code()).isEqualTo("https://wa.me/settings/linked_devices#2@ref1,a,b,c,1");
        assertThat(qr.events()).filteredOn(event -> event.type().equals("session.qr")).singleElement()
                .satisfies(event -> assertThat(event.payload()).isEqualTo(state.qr()));
        assertThat(qr.events()).extracting(PendingEvent::type).containsExactly("session.status", "session.qr");

        Transition rotated = apply(new EngineEvent.QrIssued("2@ref2,a,b,c,1", NOW.plusSeconds(80)));
        assertThat(rotated.events()).extracting(PendingEvent::type).containsExactly("session.qr");

        Transition connected = apply(new EngineEvent.Connected(ACCOUNT));
        assertThat(state.phase()).isEqualTo(PodPhase.Connected);
        assertThat(state.qr()).isNull();
        assertThat(state.account().phoneNumber()).isEqualTo("5511999999999");
        assertThat(state.lastConnectedAt()).isEqualTo(NOW);
        assertThat(state.reconnects()).isZero();
        assertThat(connected.events()).extracting(PendingEvent::type).containsExactly("session.status", "session.connected");
    }

    @Test
    void whatWhatsAppTellsOfTheAccountsRestrictionsIsKeptPartByPartAndEachChangeAnnouncedOnce() {
        apply(new EngineEvent.Connected(ACCOUNT));
        var timelock = new AccountRestrictions.ReachoutTimelock(true, NOW.plusSeconds(3600), "BIZ_QUALITY");
        var cap = AccountRestrictions.NewChatMessageCap.of("NONE", 10, 3, NOW.plusSeconds(86400));

        Transition locked = apply(new EngineEvent.RestrictionsTold(new AccountRestrictions(timelock, null)));
        Transition capped = apply(new EngineEvent.RestrictionsTold(new AccountRestrictions(null, cap)));
        Transition toldAgain = apply(new EngineEvent.RestrictionsTold(new AccountRestrictions(timelock, cap)));

        assertThat(state.restrictions()).isEqualTo(new AccountRestrictions(timelock, cap));
        assertThat(state.phase()).isEqualTo(PodPhase.Connected);
        assertThat(locked.events()).extracting(PendingEvent::type).containsExactly("account.restriction");
        assertThat(capped.events()).singleElement().satisfies(event -> assertThat(event.payload()).isEqualTo(state.restrictions()));
        assertThat(toldAgain.events()).as("nothing changed").isEmpty();
    }

    @Test
    void aPasskeyRequestAfterTheScanShowsTheChallengeInPlaceOfTheQrUntilTheLinkCompletes() {
        apply(new EngineEvent.QrIssued("2@ref1,a,b,c,1", NOW.plusSeconds(60)));
        String options = "{\"challenge\":\"q83vEjRW\",\"rpId\":\"whatsapp.com\",\"timeout\":600000}";

        Transition asked = apply(new EngineEvent.PasskeyRequested(options, "q83vEjRW", "whatsapp.com", NOW.plusSeconds(600)));
        assertThat(state.phase()).isEqualTo(PodPhase.WaitingForPasskey);
        assertThat(state.qr()).isNull();
        assertThat(state.passkey()).isEqualTo(new io.kubezap.contract.PasskeyChallenge("q83vEjRW", "whatsapp.com", options, NOW.plusSeconds(600)));
        assertThat(asked.events()).extracting(PendingEvent::type).containsExactly("session.status", "session.passkey_requested");
        assertThat(asked.events().getLast().payload()).isEqualTo(state.passkey());

        Transition renewed = apply(new EngineEvent.PasskeyRequested(options.replace("q83vEjRW", "AAAA"), "AAAA", "whatsapp.com", NOW.plusSeconds(700)));
        assertThat(renewed.events()).extracting(PendingEvent::type).containsExactly("session.passkey_requested");

        apply(new EngineEvent.Connected(ACCOUNT));
        assertThat(state.passkey()).isNull();
    }

    @Test
    void aKeyStoreRepairStaysInTheStateThroughLaterChangesAndIsRecordedAsAnEvent() {
        Transition repaired = SessionTransitions.storeRepaired(state, new WhatsAppEngine.StoreRepair("KeyStoreRestored",
                "The WhatsApp key store's keys.proto could not be read; the session went on from its previous copy"), NOW);
        state = repaired.next();

        assertThat(state.phase()).isEqualTo(PodPhase.Starting);
        assertThat(state.storeRepair()).isEqualTo(new SessionState.StoreRepair("KeyStoreRestored",
                "The WhatsApp key store's keys.proto could not be read; the session went on from its previous copy", NOW));
        assertThat(repaired.events()).extracting(PendingEvent::type).containsExactly("session.store_repaired");
        assertThat(repaired.events().getFirst().payload()).isEqualTo(state.storeRepair());
        apply(new EngineEvent.Connected(ACCOUNT));
        assertThat(state.storeRepair().reason()).isEqualTo("KeyStoreRestored");
    }

    @Test
    void aDropOfAPairedSessionIsReconnectingAndItsRecoveryCounts() {
        apply(new EngineEvent.Connected(ACCOUNT));
        apply(new EngineEvent.Disconnected("NetworkError", "reset", NOW.plusSeconds(2)));
        assertThat(state.phase()).isEqualTo(PodPhase.Reconnecting);
        assertThat(state.lastError().reason()).isEqualTo("NetworkError");
        apply(new EngineEvent.Connecting(2));
        assertThat(state.phase()).isEqualTo(PodPhase.Reconnecting);
        apply(new EngineEvent.Connected(ACCOUNT));
        assertThat(state.reconnects()).isEqualTo(1);
    }

    @Test
    void thePushNameArrivingAfterLoginUpdatesTheAccountOnlyWhileConnected() {
        Account nameless = new Account(ACCOUNT.jid(), ACCOUNT.phoneNumber(), null);
        apply(new EngineEvent.Connected(nameless));
        assertThat(state.account().pushName()).isNull();

        Transition named = apply(new EngineEvent.AccountUpdated(ACCOUNT));
        assertThat(state.phase()).isEqualTo(PodPhase.Connected);
        assertThat(state.account().pushName()).isEqualTo("Loja");
        assertThat(state.lastConnectedAt()).isEqualTo(NOW);
        assertThat(named.events()).extracting(PendingEvent::type).containsExactly("session.status");
        assertThat(apply(new EngineEvent.AccountUpdated(ACCOUNT)).events()).isEmpty();

        apply(new EngineEvent.LoggedOut("LoggedOut", "unlinked"));
        assertThat(apply(new EngineEvent.AccountUpdated(ACCOUNT)).events()).isEmpty();
        assertThat(state.account()).isNull();
    }

    @Test
    void aDropWhilePairingIsReconnectingWithoutAnAccountOrAStaleQr() {
        apply(new EngineEvent.QrIssued("2@ref1", NOW.plusSeconds(60)));
        apply(new EngineEvent.Disconnected("NetworkError", "no route to host", NOW));
        assertThat(state.phase()).isEqualTo(PodPhase.Reconnecting);
        assertThat(state.lastError().message()).isEqualTo("no route to host");
        assertThat(state.qr()).isNull();
        assertThat(state.paired()).isFalse();
        apply(new EngineEvent.QrIssued("2@ref9", NOW.plusSeconds(60)));
        assertThat(state.phase()).isEqualTo(PodPhase.WaitingForQR);
        assertThat(state.reconnects()).isZero();
    }

    @Test
    void loggedOutForgetsTheAccountAndBannedFails() {
        apply(new EngineEvent.Connected(ACCOUNT));
        Transition out = apply(new EngineEvent.LoggedOut("LoggedOut", "device removed"));
        assertThat(state.phase()).isEqualTo(PodPhase.LoggedOut);
        assertThat(state.account()).isNull();
        assertThat(state.paired()).isFalse();
        assertThat(out.events()).extracting(PendingEvent::type).containsExactly("session.status", "session.logged_out");

        apply(new EngineEvent.Banned("Banned", "403"));
        assertThat(state.phase()).isEqualTo(PodPhase.Failed);
        assertThat(state.lastError().reason()).isEqualTo("Banned");
    }

    @Test
    void nothingChangedRecordsNothing() {
        apply(new EngineEvent.QrIssued("2@ref1", NOW.plusSeconds(60)));
        Transition same = apply(new EngineEvent.QrIssued("2@ref1", NOW.plusSeconds(60)));
        assertThat(same.events()).isEmpty();
        assertThat(apply(new EngineEvent.Connecting(1)).events()).isEmpty();
    }

    private Transition apply(EngineEvent event) {
        Transition transition = SessionTransitions.apply(state, event, NOW);
        state = transition.next();
        return transition;
    }
}
