package io.kubezap.session.state;

import io.kubezap.contract.Account;
import io.kubezap.contract.AccountRestrictions;
import io.kubezap.contract.EventCatalogue;
import io.kubezap.contract.ExpiringCode;
import io.kubezap.contract.PasskeyChallenge;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.contract.SessionState.LastError;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.event.PendingEvent;
import io.kubezap.session.qr.QrLink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The session state machine as a pure function: (state, engine event) → next state and the events it records. */
public final class SessionTransitions {

    /** Payload of {@code session.disconnected}. */
    public record Disconnection(String reason, String message, Instant retryAt) {
    }

    public record Transition(SessionState next, List<PendingEvent> events) {
        public boolean changed(SessionState before) {
            return !next.equals(before);
        }
    }

    private SessionTransitions() {
    }

    public static Transition apply(SessionState state, EngineEvent event, Instant now) {
        return switch (event) {
            case EngineEvent.Connecting ignored -> unchanged(state);
            case EngineEvent.QrIssued qr -> {
                ExpiringCode shown = new ExpiringCode(QrLink.of(qr.payload()), qr.expiresAt());
                yield withStatus(state, state.withPhase(PodPhase.WaitingForQR).withCodes(shown, null).withPasskey(null),
                        new PendingEvent(EventCatalogue.SESSION_QR, shown));
            }
            case EngineEvent.PairingCodeIssued code -> withStatus(state,
                    state.withPhase(PodPhase.WaitingForPairingCode)
                            .withCodes(null, new ExpiringCode(code.code(), code.expiresAt())).withPasskey(null),
                    new PendingEvent(EventCatalogue.SESSION_PAIRING_CODE, new ExpiringCode(code.code(), code.expiresAt())));
            case EngineEvent.PasskeyRequested request -> {
                PasskeyChallenge challenge = new PasskeyChallenge(request.challenge(), request.rpId(), request.requestOptions(),
                        request.expiresAt());
                yield withStatus(state, state.withPhase(PodPhase.WaitingForPasskey).withCodes(null, null).withPasskey(challenge),
                        new PendingEvent(EventCatalogue.SESSION_PASSKEY_REQUESTED, challenge));
            }
            case EngineEvent.Connected connected -> connected(state, connected, now);
            case EngineEvent.AccountUpdated updated -> accountUpdated(state, updated);
            case EngineEvent.RestrictionsTold told -> restrictionsTold(state, told);
            case EngineEvent.Disconnected drop -> withStatus(state,
                    state.withPhase(PodPhase.Reconnecting)
                            .withCodes(null, null).withPasskey(null)
                            .withLastError(new LastError(drop.reason(), drop.message(), now)),
                    new PendingEvent(EventCatalogue.SESSION_DISCONNECTED,
                            new Disconnection(drop.reason(), drop.message(), drop.retryAt())));
            case EngineEvent.LoggedOut out -> {
                LastError error = new LastError(out.reason(), out.message(), now);
                yield withStatus(state,
                        state.withPhase(PodPhase.LoggedOut).withCodes(null, null).withPasskey(null)
                                .withConnection(null, state.lastConnectedAt(), state.reconnects()).withLastError(error),
                        new PendingEvent(EventCatalogue.SESSION_LOGGED_OUT, error));
            }
            case EngineEvent.Banned banned -> withStatus(state,
                    state.withPhase(PodPhase.Failed).withCodes(null, null).withPasskey(null)
                            .withLastError(new LastError(banned.reason(), banned.message(), now)),
                    new PendingEvent(EventCatalogue.SESSION_DISCONNECTED,
                            new Disconnection(banned.reason(), banned.message(), null)));
            case EngineEvent.MessageReceived ignored -> unchanged(state);
            case EngineEvent.ReceiptReceived ignored -> unchanged(state);
            case EngineEvent.MessageUpdated ignored -> unchanged(state);
            case EngineEvent.CallUpdated ignored -> unchanged(state);
            case EngineEvent.PresenceUpdated ignored -> unchanged(state);
            case EngineEvent.GroupNotified ignored -> unchanged(state);
            case EngineEvent.AddressLearned ignored -> unchanged(state);
            case EngineEvent.ContactSaved ignored -> unchanged(state);
            case EngineEvent.BusinessNameSeen ignored -> unchanged(state);
            case EngineEvent.ChatChanged ignored -> unchanged(state);
            case EngineEvent.LabelEdited ignored -> unchanged(state);
            case EngineEvent.DisappearingChanged ignored -> unchanged(state);
            case EngineEvent.DefaultDisappearingChanged ignored -> unchanged(state);
            case EngineEvent.HistorySynced ignored -> unchanged(state);
            case EngineEvent.HistoryDeferred ignored -> unchanged(state);
            case EngineEvent.MessageUndecryptable ignored -> unchanged(state);
        };
    }

    /**
     * A key store repair becomes the state's {@code storeRepair} (the latest one of this run) and its
     * {@code session.store_repaired} event; the phase does not move.
     */
    public static Transition storeRepaired(SessionState state, WhatsAppEngine.StoreRepair repair, Instant now) {
        SessionState.StoreRepair recorded = new SessionState.StoreRepair(repair.reason(), repair.message(), now);
        return new Transition(state.withStoreRepair(recorded),
                List.of(new PendingEvent(EventCatalogue.SESSION_STORE_REPAIRED, recorded)));
    }

    private static Transition connected(SessionState state, EngineEvent.Connected connected, Instant now) {
        Account account = connected.account();
        int reconnects = state.phase() == PodPhase.Reconnecting ? state.reconnects() + 1 : state.reconnects();
        SessionState next = state.withPhase(PodPhase.Connected).withCodes(null, null).withPasskey(null)
                .withConnection(account, now, reconnects);
        return withStatus(state, next, new PendingEvent(EventCatalogue.SESSION_CONNECTED, account));
    }

    /** Recorded as {@code session.status}: the status a user reads (and the operator mirrors) changed. */
    private static Transition accountUpdated(SessionState state, EngineEvent.AccountUpdated updated) {
        if (state.phase() != PodPhase.Connected) {
            return unchanged(state);
        }
        SessionState next = state.withConnection(updated.account(), state.lastConnectedAt(), state.reconnects());
        return withStatus(state, next, new PendingEvent(EventCatalogue.SESSION_STATUS, next));
    }

    /** Recorded as {@code account.restriction} when what WhatsApp told changes what the state shows. */
    private static Transition restrictionsTold(SessionState state, EngineEvent.RestrictionsTold told) {
        AccountRestrictions known = state.restrictions() == null ? AccountRestrictions.UNKNOWN : state.restrictions();
        AccountRestrictions next = known.updatedBy(told.restrictions());
        if (next.equals(state.restrictions())) {
            return unchanged(state);
        }
        return new Transition(state.withRestrictions(next), List.of(new PendingEvent(EventCatalogue.ACCOUNT_RESTRICTION, next)));
    }

    private static Transition unchanged(SessionState state) {
        return new Transition(state, List.of());
    }

    /** Records {@code fact}, and {@code session.status} when the phase moved; nothing at all when nothing changed. */
    private static Transition withStatus(SessionState before, SessionState next, PendingEvent fact) {
        if (next.equals(before)) {
            return unchanged(before);
        }
        List<PendingEvent> events = new ArrayList<>();
        if (next.phase() != before.phase()) {
            events.add(new PendingEvent(EventCatalogue.SESSION_STATUS, next));
        }
        events.add(fact);
        return new Transition(next, List.copyOf(events));
    }
}
