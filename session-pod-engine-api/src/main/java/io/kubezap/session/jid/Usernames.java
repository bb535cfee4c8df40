package io.kubezap.session.jid;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A WhatsApp {@code @username} as an address: {@code @} then 3 to 35 of letters, digits, {@code .} and {@code _} (any
 * case, kept in lower case), as WhatsApp lets accounts choose one.
 */
public final class Usernames {

    private static final Pattern NAME = Pattern.compile("[a-z0-9._]{3,35}");

    private Usernames() {
    }

    /**
     * The username {@code input} names ({@code @name}, without the {@code @}), empty when it is no {@code @} address.
     *
     * @throws IllegalArgumentException when it starts with {@code @} but is no username WhatsApp gives
     */
    public static Optional<String> named(String input) {
        if (input == null || !input.strip().startsWith("@")) {
            return Optional.empty();
        }
        var name = input.strip().substring(1).toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches() || name.chars().noneMatch(Character::isLetter)) {
            throw new IllegalArgumentException("is not a WhatsApp username: '" + input.strip() + "' (a @username is 3 to 35 letters,"
                    + " digits, '.' and '_', at least one letter)");
        }
        return Optional.of(name);
    }
}
