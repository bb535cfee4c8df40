package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.UnsupportedByEngine;

/**
 * Buttons and lists on Cobalt: none. Cobalt 0.0.10 models {@code interactiveMessage} and {@code listMessage}, but its
 * message stanza carries no {@code <biz>} node, which WhatsApp needs beside them to deliver them to today's apps (without
 * it the server drops them or the phone shows nothing). Adding it means a patched send in {@code cobalt-patches}: not done.
 */
final class InteractiveMessages {

    private InteractiveMessages() {
    }

    static UnsupportedByEngine unsupported() {
        return new UnsupportedByEngine("Cobalt", "Buttons and lists (interactive messages)",
                "Cobalt 0.0.10 writes no <biz> node beside a message, which WhatsApp needs to deliver buttons and lists;"
                        + " use spec.engine Baileys for buttons and lists");
    }
}
