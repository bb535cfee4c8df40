package io.kubezap.session.state;

import java.time.Instant;

/** The session's live state, served as {@code GET /api/v1/sessions/{session}}; immutable, replaced on every change. */
public record SessionState(String name, String namespace, SessionPhase phase, ExpiringCode qr,
                           ExpiringCode pairingCode, Account account, Instant lastConnectedAt, int reconnects,
                           LastError lastError) {

    public record ExpiringCode(String code, Instant expiresAt) {
        public boolean expiredAt(Instant now) {
            return !expiresAt.isAfter(now);
        }
    }

    public record Account(String jid, String phoneNumber, String pushName) {
    }

    public record LastError(String reason, String message, Instant at) {
    }

    public static SessionState starting(String name, String namespace) {
        return new SessionState(name, namespace, SessionPhase.Starting, null, null, null, null, 0, null);
    }

    /** Has linked a device that was not since logged out. */
    public boolean paired() {
        return account != null;
    }

    SessionState withPhase(SessionPhase newPhase) {
        return new SessionState(name, namespace, newPhase, qr, pairingCode, account, lastConnectedAt, reconnects,
                lastError);
    }

    SessionState withCodes(ExpiringCode newQr, ExpiringCode newPairingCode) {
        return new SessionState(name, namespace, phase, newQr, newPairingCode, account, lastConnectedAt, reconnects,
                lastError);
    }

    SessionState withConnection(Account newAccount, Instant connectedAt, int newReconnects) {
        return new SessionState(name, namespace, phase, qr, pairingCode, newAccount, connectedAt, newReconnects,
                lastError);
    }

    SessionState withLastError(LastError error) {
        return new SessionState(name, namespace, phase, qr, pairingCode, account, lastConnectedAt, reconnects, error);
    }
}
