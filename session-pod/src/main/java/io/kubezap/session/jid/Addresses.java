package io.kubezap.session.jid;

import java.util.function.UnaryOperator;

/**
 * Where the API turns an address it was given into the one rows are stored under: a linked identity ({@code …@lid})
 * whose phone number the session has learned becomes that number's JID, so that either form finds the same chat,
 * contact and messages, and a message to a lid goes to the person's number (Cobalt 0.0.10 cannot send to a lid).
 * The session's address book installs the lookup at start; until then addresses stay as given.
 */
public final class Addresses {

    private static volatile UnaryOperator<String> canonical = UnaryOperator.identity();

    private Addresses() {
    }

    public static void install(UnaryOperator<String> lookup) {
        canonical = lookup;
    }

    /** Parses like {@link Jid#parse} and returns the stored form of the address. */
    public static String parseCanonical(String input) {
        return canonical.apply(Jid.parse(input).toString());
    }
}
