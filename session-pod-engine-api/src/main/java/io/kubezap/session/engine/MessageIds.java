package io.kubezap.session.engine;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Message ids as WhatsApp Web makes them ({@code 3EB0} and 18 upper-case hex digits), from a cryptographic random.
 * Cobalt 0.0.10's own generator gave two texts the same id, and the second was then never recorded as sent.
 */
public final class MessageIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private MessageIds() {
    }

    public static String next() {
        byte[] bytes = new byte[9];
        RANDOM.nextBytes(bytes);
        return "3EB0" + HEX.formatHex(bytes);
    }
}
