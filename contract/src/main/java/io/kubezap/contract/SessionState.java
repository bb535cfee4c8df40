package io.kubezap.contract;

import java.time.Instant;

/**
 * A session's live state: what the session pod serves as {@code GET /api/v1/sessions/{session}} (JSON, instants as
 * RFC 3339 strings) and what the operator reads to write the resource's status. Immutable, replaced on every change.
 */
public record SessionState(String name, String namespace, PodPhase phase, ExpiringCode qr,
                           ExpiringCode pairingCode, Account account, Instant lastConnectedAt, int reconnects,
                           LastError lastError, StoreRepair storeRepair,
                           StorageQuota storageQuota, AccountRestrictions restrictions, PasskeyChallenge passkey,
                           AutoRepliesDropped autoRepliesDropped) {

    /** A state in which no automatic reply was dropped. */
    public SessionState(String name, String namespace, PodPhase phase, ExpiringCode qr, ExpiringCode pairingCode, Account account,
                        Instant lastConnectedAt, int reconnects, LastError lastError, StoreRepair storeRepair,
                        StorageQuota storageQuota, AccountRestrictions restrictions, PasskeyChallenge passkey) {
        this(name, namespace, phase, qr, pairingCode, account, lastConnectedAt, reconnects, lastError, storeRepair, storageQuota,
                restrictions, passkey, null);
    }

    /** A state WhatsApp has not told the account's restrictions in, with no passkey challenge waiting. */
    public SessionState(String name, String namespace, PodPhase phase, ExpiringCode qr, ExpiringCode pairingCode, Account account,
                        Instant lastConnectedAt, int reconnects, LastError lastError, StoreRepair storeRepair,
                        StorageQuota storageQuota) {
        this(name, namespace, phase, qr, pairingCode, account, lastConnectedAt, reconnects, lastError, storeRepair, storageQuota, null,
                null);
    }

    /** Why the session last failed or dropped. */
    public record LastError(String reason, String message, Instant at) {
        /**
         * WhatsApp refused the WhatsApp Web version the pod announced as outdated (its {@code failure 405}); the pod
         * retries with the version web.whatsapp.com announces. The operator shows it as a condition reason and an Event.
         */
        public static final String CLIENT_OUTDATED = "ClientOutdated";
        /**
         * The session's proxy answered but refused the tunnel to WhatsApp (wrong credentials, a destination it does not
         * allow); the pod retries with backoff and names the proxy's answer in the message.
         */
        public static final String PROXY_REFUSED = "ProxyRefused";
        /** The session's proxy cannot be reached (no such host, nothing listening, an address the egress rule forbids). */
        public static final String PROXY_UNREACHABLE = "ProxyUnreachable";
        /**
         * A login stalled (the socket open, nothing pending, no login within the engine's deadline): the pod closed it
         * and connects again with backoff; or a reconnect made no attempt for longer than that deadline plus 60 s: the
         * pod asked the engine to connect again. Counted by {@code kubezap_session_reconnect_stalls_total}.
         */
        public static final String RECONNECT_STALLED = "ReconnectStalled";
    }

    /**
     * The latest repair of the WhatsApp key store since this pod started (null when its files were read cleanly):
     * {@link #KEY_STORE_RESTORED} (an unreadable file was replaced by its previous copy; the session stays linked) or
     * {@link #KEY_STORE_UNREADABLE} (no readable copy was left; the device must be linked again) or
     * {@link #KEY_STORE_RESTORED_FROM_DATABASE} (the volume held no readable key store, the copy in PostgreSQL was put
     * back; the session stays linked).
     */
    public record StoreRepair(String reason, String message, Instant at) {
        public static final String KEY_STORE_RESTORED = "KeyStoreRestored";
        public static final String KEY_STORE_UNREADABLE = "KeyStoreUnreadable";
        public static final String KEY_STORE_RESTORED_FROM_DATABASE = "KeyStoreRestoredFromDatabase";
    }

    /**
     * Present while the session keeps more than its storage quota ({@code KUBEZAP_STORAGE_QUOTA}): media files plus an
     * estimate of its rows, as last measured. Meanwhile incoming media is not downloaded and media is not sent.
     */
    public record StorageQuota(long usedBytes, long quotaBytes, Instant since) {
        public static final String QUOTA_EXCEEDED = "QuotaExceeded";
    }

    /**
     * Incoming messages the automatic replies left unanswered because of a limit since this pod started (null: none):
     * {@code count} as of the latest drop published, its {@code reason} ({@code queue-full}, {@code chat-cap},
     * {@code daily-cap}, {@code too-fast}) and time. Published at the first drop and every 100th after, not per message;
     * the exact count is the metric {@code kubezap_auto_replies_dropped_total{reason}}. The operator shows it as an Event.
     */
    public record AutoRepliesDropped(long count, String reason, Instant at) {
        /** How many drops apart the state is republished (and the log says so). */
        public static final int PUBLISHED_EVERY = 100;
    }

    public static SessionState starting(String name, String namespace) {
        return new SessionState(name, namespace, PodPhase.Starting, null, null, null, null, 0, null, null, null);
    }

    /** Has linked a device that was not since logged out. */
    public boolean paired() {
        return account != null;
    }

    public SessionState withPhase(PodPhase newPhase) {
        return new SessionState(name, namespace, newPhase, qr, pairingCode, account, lastConnectedAt, reconnects,
                lastError, storeRepair, storageQuota, restrictions, passkey, autoRepliesDropped);
    }

    public SessionState withCodes(ExpiringCode newQr, ExpiringCode newPairingCode) {
        return new SessionState(name, namespace, phase, newQr, newPairingCode, account, lastConnectedAt, reconnects,
                lastError, storeRepair, storageQuota, restrictions, passkey, autoRepliesDropped);
    }

    public SessionState withConnection(Account newAccount, Instant connectedAt, int newReconnects) {
        return new SessionState(name, namespace, phase, qr, pairingCode, newAccount, connectedAt, newReconnects,
                lastError, storeRepair, storageQuota, restrictions, passkey, autoRepliesDropped);
    }

    public SessionState withLastError(LastError error) {
        return new SessionState(name, namespace, phase, qr, pairingCode, account, lastConnectedAt, reconnects, error,
                storeRepair, storageQuota, restrictions, passkey, autoRepliesDropped);
    }

    public SessionState withStoreRepair(StoreRepair repair) {
        return new SessionState(name, namespace, phase, qr, pairingCode, account, lastConnectedAt, reconnects,
                lastError, repair, storageQuota, restrictions, passkey, autoRepliesDropped);
    }

    /** The passkey challenge WhatsApp waits on (null: none). */
    public SessionState withPasskey(PasskeyChallenge challenge) {
        return new SessionState(name, namespace, phase, qr, pairingCode, account, lastConnectedAt, reconnects,
                lastError, storeRepair, storageQuota, restrictions, challenge, autoRepliesDropped);
    }

    public SessionState withStorageQuota(StorageQuota quota) {
        return new SessionState(name, namespace, phase, qr, pairingCode, account, lastConnectedAt, reconnects,
                lastError, storeRepair, quota, restrictions, passkey, autoRepliesDropped);
    }

    /** What WhatsApp last told of the account's restrictions (null: nothing yet). */
    public SessionState withRestrictions(AccountRestrictions newRestrictions) {
        return new SessionState(name, namespace, phase, qr, pairingCode, account, lastConnectedAt, reconnects,
                lastError, storeRepair, storageQuota, newRestrictions, passkey, autoRepliesDropped);
    }

    public SessionState withAutoRepliesDropped(AutoRepliesDropped dropped) {
        return new SessionState(name, namespace, phase, qr, pairingCode, account, lastConnectedAt, reconnects,
                lastError, storeRepair, storageQuota, restrictions, passkey, dropped);
    }
}
