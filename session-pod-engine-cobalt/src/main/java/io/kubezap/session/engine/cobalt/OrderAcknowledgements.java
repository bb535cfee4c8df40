package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.info.ChatMessageInfo;
import org.jboss.logging.Logger;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

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

    /** Where an order is stored and acknowledged: anywhere but Cobalt's reading thread. */
    private final Executor storingThreads;
    private final Set<String> deferred = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    OrderAcknowledgements() {
        this(task -> Thread.ofVirtual().name("order-acknowledgement").start(task));
    }

    OrderAcknowledgements(Executor storingThreads) {
        this.storingThreads = storingThreads;
    }

    /**
     * True when {@code message} is an order whose items are to be read, the first time it is acknowledged: {@code storing}
     * then runs on a thread of its own, and {@code acknowledging} after it has stored the order; the caller withholds
     * Cobalt's acknowledgement.
     */
    boolean deferred(ChatMessageInfo message, Runnable storing, Runnable acknowledging) {
        var key = message.chatJid() + "/" + message.id();
        synchronized (deferred) {
            if (!CatalogOrders.hasItemsToRead(message) || !deferred.add(key)) {
                return false;
            }
        }
        storingThreads.execute(() -> {
            try {
                storing.run();
            } catch (RuntimeException notStored) {
                LOG.warnf(notStored, "Order %s not stored: not acknowledged, WhatsApp delivers it again", message.id());
                synchronized (deferred) {
                    deferred.remove(key); // its delivery again is deferred again
                }
                return;
            }
            acknowledging.run();
        });
        return true;
    }
}
