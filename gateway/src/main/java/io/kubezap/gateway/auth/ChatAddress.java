package io.kubezap.gateway.auth;

import io.kubezap.contract.Jid;

import java.util.Locale;

/**
 * A chat as a key's {@code chats} and a caller name it, in the form the session pod stores it: read by the pod's own
 * rule ({@link Jid}: {@code +55 11 99999-9999}, {@code 5511999999999}, {@code …@c.us} and a device suffix all name
 * {@code 5511999999999@s.whatsapp.net}). Anything the pod would refuse stays as written, lower case, so it matches no
 * allowed chat (the check fails closed rather than guessing).
 */
public final class ChatAddress {

    private ChatAddress() {
    }

    public static String of(String address) {
        try {
            return Jid.parse(address).toString();
        } catch (IllegalArgumentException notAnAddress) {
            return address.trim().toLowerCase(Locale.ROOT);
        }
    }
}
