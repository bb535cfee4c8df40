package io.kubezap.gateway.auth;

import java.util.Locale;

/**
 * A gateway key's {@code role}, each including the ones before it: {@code send} (list, read, send), {@code manage}
 * (also log the WhatsApp account out, restart the session, ask for a pairing code) and {@code admin} (also create,
 * patch and delete sessions). A role the gateway does not know grants the least.
 */
public enum KeyRole {
    SEND, MANAGE, ADMIN;

    static KeyRole of(String role) {
        if (role == null) {
            return SEND;
        }
        return switch (role.trim().toLowerCase(Locale.ROOT)) {
            case "admin" -> ADMIN;
            case "manage" -> MANAGE;
            default -> SEND;
        };
    }

    boolean includes(KeyRole other) {
        return compareTo(other) >= 0;
    }
}
