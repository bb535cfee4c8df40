package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import it.auties.whatsapp.model.node.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * The lid↔phone pairs group metadata reveals: WhatsApp lists a participant of a group addressed by number as
 * {@code <participant jid="…@s.whatsapp.net" lid="…@lid">}, and one of a group addressed by lid as
 * {@code <participant jid="…@lid" phone_number="…@s.whatsapp.net">}, in {@code w:g2} answers and {@code w:gp2}
 * notifications alike.
 */
final class GroupAddresses {

    private GroupAddresses() {
    }

    /** A {@code w:g2} notification (answers to the adapter's own group queries are read where they are answered). */
    static boolean isGroupNotification(Node node) {
        return node.description().equals("notification") && "w:gp2".equals(node.attributes().getString("type", ""));
    }

    static List<EngineEvent.AddressLearned> of(NodeView node) {
        var learned = new ArrayList<EngineEvent.AddressLearned>();
        collect(node, learned);
        return learned;
    }

    private static void collect(NodeView node, List<EngineEvent.AddressLearned> learned) {
        if (node.tag().equals("participant")) {
            node.attribute("jid").map(MessageAddresses::user).ifPresent(jid -> {
                if (jid.endsWith(MessageAddresses.PHONE_SERVER)) {
                    node.attribute("lid").map(MessageAddresses::user).filter(lid -> lid.endsWith(MessageAddresses.LID_SERVER))
                            .ifPresent(lid -> learned.add(new EngineEvent.AddressLearned(lid, jid, "group")));
                } else if (jid.endsWith(MessageAddresses.LID_SERVER)) {
                    node.attribute("phone_number").map(MessageAddresses::user).filter(pn -> pn.endsWith(MessageAddresses.PHONE_SERVER))
                            .ifPresent(pn -> learned.add(new EngineEvent.AddressLearned(jid, pn, "group")));
                }
            });
        }
        node.children().forEach(child -> collect(child, learned));
    }
}
