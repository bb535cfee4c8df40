package io.kubezap.gateway.auth;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A chat as a key's {@code chats} and a caller name it, in the form the session pod stores it: a JID, lower case; a
 * phone number written as digits (an optional {@code +}) is that number's JID ({@code …@s.whatsapp.net}), {@code @c.us}
 * is {@code @s.whatsapp.net}. Anything else stays as written, so a form the gateway does not know matches no allowed
 * chat (the check fails closed rather than guessing what the pod would make of it).
 */
public final class ChatAddress {

    private static final String USER_SERVER = "@s.whatsapp.net";
    private static final Pattern PHONE = Pattern.compile("\\+?\\d{8,15}");

    private ChatAddress() {
    }

    public static String of(String address) {
        String written = address.trim().toLowerCase(Locale.ROOT);
        if (PHONE.matcher(written).matches()) {
            return (written.startsWith("+") ? written.substring(1) : written) + USER_SERVER;
        }
        return written.endsWith("@c.us") ? written.substring(0, written.length() - "@c.us".length()) + USER_SERVER : written;
    }
}
