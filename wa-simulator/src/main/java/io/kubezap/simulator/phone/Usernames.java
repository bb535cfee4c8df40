package io.kubezap.simulator.phone;

import it.auties.whatsapp.model.node.Node;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * WhatsApp usernames ({@code @name}), as the apps let an account choose one: 3 to 35 characters of lowercase letters,
 * digits, {@code .} and {@code _}, at least one letter, neither starting nor ending with {@code .} nor holding
 * {@code ..}, and not starting with {@code www.} (WhatsApp's help centre, "About usernames"); case does not matter.
 */
public final class Usernames {

    private static final Pattern ALLOWED = Pattern.compile("(?!www\\.)(?!\\.)(?!.*\\.\\.)(?!.*\\.$)(?=.*[a-z])[a-z0-9._]{3,35}");

    private Usernames() {
    }

    /** {@code username} without a leading {@code @}, in lower case. */
    public static String normalized(String username) {
        var bare = username.strip();
        return (bare.startsWith("@") ? bare.substring(1) : bare).toLowerCase(Locale.ROOT);
    }

    /**
     * @return {@code username} as WhatsApp keeps it
     * @throws IllegalArgumentException when WhatsApp would not take it
     */
    public static String valid(String username) {
        var name = normalized(username);
        if (!ALLOWED.matcher(name).matches()) {
            throw new IllegalArgumentException("username '" + username + "' is not one WhatsApp takes: 3 to 35 of a-z, 0-9, '.'"
                    + " and '_', at least one letter, no leading, trailing or double '.', not starting with 'www.'");
        }
        return name;
    }

    /**
     * The usync {@code username} protocol's answer for a user: the name as the node's text (Baileys 7's
     * {@code USyncUsernameProtocol} reads it so), empty for one who has none.
     */
    public static Node answer(String username) {
        return username == null ? Node.of("username") : Node.of("username", username);
    }
}
