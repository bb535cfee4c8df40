package io.kubezap.session.jid;

import io.kubezap.contract.Jid;

import java.util.function.UnaryOperator;

/**
 * Where the API turns an address it was given into the one rows are stored under: a linked identity ({@code …@lid})
 * whose phone number the session has learned becomes that number's JID, so that either form finds the same chat,
 * contact and messages, and a message to a lid goes to the person's number (Cobalt 0.0.10 cannot send to a lid).
 * The session's address book installs the lookup at start; until then addresses stay as given.
 */
public final class Addresses {

    private static volatile UnaryOperator<String> canonical = UnaryOperator.identity();
    private static volatile UnaryOperator<String> usernames = name -> {
        throw new IllegalArgumentException("cannot resolve @" + name + " before the session has started");
    };

    private Addresses() {
    }

    public static void install(UnaryOperator<String> lookup) {
        canonical = lookup;
    }

    /** Installs how a {@code @username} becomes the stored form of its holder's address (asked of WhatsApp). */
    public static void installUsernames(UnaryOperator<String> resolve) {
        usernames = resolve;
    }

    /**
     * Parses like {@link Jid#parse} and returns the stored form of the address; a {@code @username} ({@link Usernames}) is
     * its holder's, as WhatsApp resolves it.
     */
    public static String parseCanonical(String input) {
        var username = Usernames.named(input);
        if (username.isPresent()) {
            return usernames.apply(username.get());
        }
        return canonical.apply(Jid.parse(input).toString());
    }
}
