package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;

import java.util.Map;

/**
 * What waited for the session while it was away comes paced: WhatsApp announces it at login
 * ({@code <ib><offline_preview count …/></ib>}) and then sends a few messages at a time, or as many as the client asks
 * for with {@code <ib><offline_batch count="N"/></ib>}. Cobalt 0.0.10 never asks, and the pod stores each message before
 * it reads the next, so a backlog came five at a time; the pod asks for {@value #BATCH} at once, WhatsApp Web's default
 * (Baileys asks 100), which still keeps the answers to its login queries at most that many messages behind.
 */
final class OfflineBatches {

    static final int BATCH = 200;

    private OfflineBatches() {
    }

    static boolean isPreview(Node node) {
        return node.description().equals("ib") && node.findChild("offline_preview").isPresent();
    }

    static void askForTheBacklog(Whatsapp client) {
        RawNodes.sendWithoutAnswer(client, request());
    }

    static Node request() {
        return Node.of("ib", Map.of(), Node.of("offline_batch", Map.of("count", BATCH)));
    }
}
