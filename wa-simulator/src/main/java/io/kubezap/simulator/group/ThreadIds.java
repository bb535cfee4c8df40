package io.kubezap.simulator.group;

import java.security.SecureRandom;
import java.util.function.Predicate;

/** The ids WhatsApp's servers give groups and channels (18 digits starting 120363) and the random part of invite codes. */
public final class ThreadIds {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private ThreadIds() {
    }

    /** A new id that {@code taken} does not hold yet. */
    public static String newId(Predicate<String> taken) {
        String id;
        do {
            id = "120363" + String.format("%012d", RANDOM.nextLong(1_000_000_000_000L));
        } while (taken.test(id));
        return id;
    }

    /** {@code length} random letters and digits. */
    public static String randomCode(int length) {
        var code = new StringBuilder();
        for (var i = 0; i < length; i++) {
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** The id without {@code @<server>}, if it has it. */
    public static String bare(String id, String server) {
        var suffix = "@" + server;
        return id.endsWith(suffix) ? id.substring(0, id.length() - suffix.length()) : id;
    }
}
