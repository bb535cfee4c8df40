package io.kubezap.contract;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A WhatsApp address. Accepts a phone number ({@code 5511999999999}, {@code +55 11 99999-9999}) or a JID
 * ({@code 5511999999999@s.whatsapp.net}, {@code 1203630...@g.us}); device suffixes ({@code :12}) are dropped. What is
 * an address is {@link #FORMS}, one regular expression that the pod, the gateway's chat-limited keys, event filters and
 * the CRD's rule on a filter's chats all apply.
 */
public record Jid(String user, String server) {

    public static final String USER_SERVER = "s.whatsapp.net";
    public static final String LID_SERVER = "lid";
    /** The longest an address can be written (the CRD's bound on a filter's entry too). */
    public static final int MAX_LENGTH = 100;
    /** An optional '+' and '(', then 8 to 15 digits with spaces, dots, dashes and brackets between and after them. */
    private static final String PHONE = "[+]?[(]?[0-9](?:[ ().-]*[0-9]){7,14}[ ().-]*";
    private static final String DEVICE = "(?::[0-9]+)?";
    /**
     * Every form of an address: a phone number, alone or as a JID, or another server's JID (servers in any case). RE2
     * and java.util.regex read it alike, and it has no backslash, so CEL takes it as written. Spaces around it are
     * taken too.
     */
    public static final String FORMS = "(?:" + PHONE + "(?:" + DEVICE + "@(?i:s[.]whatsapp[.]net|c[.]us))?"
            + "|[0-9A-Za-z._-]+" + DEVICE + "@(?i:g[.]us|lid|broadcast|newsletter))";
    private static final Set<String> SERVERS = Set.of(USER_SERVER, "c.us", "g.us", LID_SERVER, "broadcast", "newsletter");
    private static final Pattern ADDRESS = Pattern.compile(" *" + FORMS + " *");
    private static final Pattern PHONE_DECORATION = Pattern.compile("[+ ().-]");
    private static final String NOT_A_PHONE = "must be a phone number of 8 to 15 digits with country code, or a JID";

    /** Parses a phone number or JID; throws {@link IllegalArgumentException} with a user-facing reason. */
    public static Jid parse(String input) {
        if (input == null || input.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (input.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("is longer than " + MAX_LENGTH + " characters");
        }
        String value = input.strip();
        if (!ADDRESS.matcher(input).matches()) {
            throw new IllegalArgumentException(whyNot(value));
        }
        int at = value.indexOf('@');
        if (at < 0) {
            return new Jid(digits(value), USER_SERVER);
        }
        String user = stripDevice(value.substring(0, at));
        String server = value.substring(at + 1).toLowerCase(Locale.ROOT);
        return server.equals(USER_SERVER) || server.equals("c.us") ? new Jid(digits(user), USER_SERVER) : new Jid(user, server);
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

    private static String whyNot(String value) {
        int at = value.indexOf('@');
        if (at < 0) {
            return NOT_A_PHONE;
        }
        String server = value.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!SERVERS.contains(server)) {
            return "unknown WhatsApp server '" + server + "'";
        }
        return server.equals(USER_SERVER) || server.equals("c.us") ? NOT_A_PHONE : "is not a valid JID: '" + value + "'";
    }

    private static String digits(String phone) {
        return PHONE_DECORATION.matcher(phone).replaceAll("");
    }

    private static String stripDevice(String user) {
        int colon = user.indexOf(':');
        return colon < 0 ? user : user.substring(0, colon);
    }
}
