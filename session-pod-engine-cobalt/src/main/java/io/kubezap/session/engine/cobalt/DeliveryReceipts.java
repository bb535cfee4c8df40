package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.node.Node;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * The delivery receipt WhatsApp Web sends for a message it decrypted, in place of the {@code <ack class="message">}
 * Cobalt 0.0.10 sends (its receipt goes only with {@code automaticMessageReceipts}, which is off for web companions, and
 * would name no {@code participant}). As whatsmeow's {@code buildBaseReceipt}: {@code to} is the message's {@code from}
 * (the contact, the group or {@code status@broadcast}), with the message's {@code participant} (a group's or status's
 * writer) and {@code recipient}. No {@code type}, as WhatsApp Web in the foreground sends it: the session handles every
 * message as it comes, and an {@code inactive} receipt (WhatsApp Web in the background) is, as whatsmeow documents it,
 * passed to the writer but not shown as a tick by WhatsApp's apps. The receipt ends the server's delivery as the ack
 * did, and gives the writer's phone its second tick.
 */
final class DeliveryReceipts {

    private DeliveryReceipts() {
    }

    /** The receipt for the message {@code ack} (Cobalt's {@code <ack class="message">}) acknowledges. */
    static Node insteadOf(Node ack) {
        var acked = ack.attributes().toMap();
        var attributes = new LinkedHashMap<String, Object>();
        for (var name : List.of("id", "to", "participant", "recipient")) {
            // as Cobalt put them (a JID stays a JID on the wire)
            var value = acked.get(name);
            if (value != null) {
                attributes.put(name, value);
            }
        }
        return Node.of("receipt", attributes);
    }

    /** Whether {@code acknowledgement} is Cobalt's ack of a message (not a receipt the adapter already made). */
    static boolean isMessageAck(Node acknowledgement) {
        return acknowledgement.description().equals("ack");
    }
}
