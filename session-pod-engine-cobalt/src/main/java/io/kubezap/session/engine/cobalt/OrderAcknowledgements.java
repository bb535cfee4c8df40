package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.node.Node;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The acknowledgement of an order, sent once the order is stored with its items. A message is stored on Cobalt's
 * reading thread before it is acknowledged ({@link MessageAcknowledgements}), but an order's items come from an IQ whose
 * answer only that thread can read ({@link CatalogOrders}): so Cobalt's acknowledgement of an order is withheld, the
 * order stored on a thread of its own, and the acknowledgement sent after (it passes the hold again, which then finds
 * the order stored). Killed before, the order was never acknowledged: WhatsApp delivers it again.
 */
final class OrderAcknowledgements {

    private static final Logger LOG = Logger.getLogger(OrderAcknowledgements.class);
    private static final int REMEMBERED = 1_000;

    private final Set<String> deferred = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    /**
     * True when {@code message} is an order whose items are to be read, the first time it is acknowledged: {@code storing}
     * then runs on a thread of its own and {@code acknowledgement} is sent after it; the caller withholds Cobalt's.
     */
    boolean deferred(Whatsapp client, ChatMessageInfo message, Node acknowledgement, Runnable storing) {
        synchronized (deferred) {
            if (!CatalogOrders.hasItemsToRead(message) || !deferred.add(message.chatJid() + "/" + message.id())) {
                return false;
            }
        }
        Thread.ofVirtual().name("order-" + message.id()).start(() -> {
            try {
                storing.run();
                RawNodes.sendWithoutAnswer(client, acknowledgement);
            } catch (RuntimeException notStored) {
                LOG.warnf(notStored, "Order %s not stored: not acknowledged, WhatsApp delivers it again", message.id());
            }
        });
        return true;
    }
}
