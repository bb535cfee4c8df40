package io.kubezap.operator.it;

import java.time.Instant;

/** Session pod answers as the REST contract shapes them. */
public final class SessionStates {

    private SessionStates() {
    }

    static String starting(String name) {
        return """
                {"name":"%s","namespace":"test","phase":"Starting","qr":null,"pairingCode":null,"account":null,
                 "lastConnectedAt":null,"reconnects":0,"lastError":null}""".formatted(name);
    }

    static String waitingForQr(String name, String code, Instant expiresAt) {
        return """
                {"name":"%s","namespace":"test","phase":"WaitingForQR","qr":{"code":"%s","expiresAt":"%s"},
                 "pairingCode":null,"account":null,"lastConnectedAt":null,"reconnects":0,"lastError":null}"""
                .formatted(name, code, expiresAt);
    }

    public static String connected(String name, String phone) {
        return connected(name, phone, "Loja");
    }

    /** Connected as {@code phone}, whose push name (learnt after login by app-state sync) is {@code pushName}. */
    static String connected(String name, String phone, String pushName) {
        return """
                {"name":"%s","namespace":"test","phase":"Connected","qr":null,"pairingCode":null,
                 "account":{"jid":"%s@s.whatsapp.net","phoneNumber":"%s","pushName":"%s"},
                 "lastConnectedAt":"2026-11-21T05:00:00Z","reconnects":2,"lastError":null}"""
                .formatted(name, phone, phone, pushName);
    }

    /** Connected, after a start that had to replace an unreadable key store file by its previous copy. */
    static String connectedAfterAKeyStoreRepair(String name, String phone, String pushName) {
        return connected(name, phone, pushName).replace("\"lastError\":null}", """
                "lastError":null,"storeRepair":{"reason":"KeyStoreRestored","message":"The WhatsApp key store's \
                keys.proto could not be read; the session went on from its previous copy","at":"2026-11-21T05:00:00Z"}}""");
    }
}
