package io.kubezap.contract;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A WhatsApp address. Accepts a phone number ({@code 5511999999999}, {@code +55 11 99999-9999}) or a JID
 * ({@code 5511999999999@s.whatsapp.net}, {@code 1203630...@g.us}); device suffixes ({@code :12}) are dropped.
 */
public record Jid(String user, String server) {

    public static final String USER_SERVER = "s.whatsapp.net";
    public static final String LID_SERVER = "lid";
    private static final Set<String> SERVERS = Set.of(USER_SERVER, "g.us", LID_SERVER, "broadcast", "newsletter");
    private static final Pattern PHONE = Pattern.compile("\\d{8,15}");
    /** Optional '+', then digits with spaces, dots, dashes and brackets between them, as people write numbers. */
    private static final Pattern PHONE_SHAPE = Pattern.compile("\\+?\\(?[0-9][0-9\\s().-]*");
    private static final Pattern PHONE_DECORATION = Pattern.compile("[\\s().-]");
    private static final Pattern USER = Pattern.compile("[0-9A-Za-z._-]+");

    /** Parses a phone number or JID; throws {@link IllegalArgumentException} with a user-facing reason. */
    public static Jid parse(String input) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        String value = input.trim();
        int at = value.indexOf('@');
        if (at < 0) {
            return ofPhone(value);
        }
        String server = value.substring(at + 1).toLowerCase();
        String user = stripDevice(value.substring(0, at));
        if (server.equals("c.us")) {
            server = USER_SERVER;
        }
        if (!SERVERS.contains(server)) {
            throw new IllegalArgumentException("unknown WhatsApp server '" + server + "'");
        }
        if (server.equals(USER_SERVER)) {
            return ofPhone(user);
        }
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("is not a valid JID: '" + input + "'");
        }
        return new Jid(user, server);
    }

    /** Parses something that must name a phone number and returns its digits. */
    public static String phoneDigits(String input) {
        return parse(input).phoneNumber()
                .orElseThrow(() -> new IllegalArgumentException("must be a phone number, not a group or other JID"));
    }

    /** The phone number a stored JID names, empty for groups, lids and anything that does not parse. */
    public static Optional<String> phoneOf(String jid) {
        try {
            return parse(jid).phoneNumber();
        } catch (IllegalArgumentException notAPhone) {
            return Optional.empty();
        }
    }

    public Optional<String> phoneNumber() {
        return server.equals(USER_SERVER) ? Optional.of(user) : Optional.empty();
    }

    @Override
    public String toString() {
        return user + "@" + server;
    }

    private static Jid ofPhone(String raw) {
        if (!PHONE_SHAPE.matcher(raw).matches()) {
            throw new IllegalArgumentException("must be a phone number of 8 to 15 digits with country code, or a JID");
        }
        String digits = PHONE_DECORATION.matcher(raw.startsWith("+") ? raw.substring(1) : raw).replaceAll("");
        if (!PHONE.matcher(digits).matches()) {
            throw new IllegalArgumentException("must be a phone number of 8 to 15 digits with country code, or a JID");
        }
        return new Jid(digits, USER_SERVER);
    }

    private static String stripDevice(String user) {
        int colon = user.indexOf(':');
        return colon < 0 ? user : user.substring(0, colon);
    }
}
