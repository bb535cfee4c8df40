package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The lid↔phone pairs a {@code message} stanza reveals. WhatsApp names a sender addressed by a linked identity
 * {@code from="<lid>@lid"} and, where it shares the number, adds {@code sender_pn}; a sender addressed by number may
 * come with {@code sender_lid}. In groups the same holds for {@code participant} with {@code participant_pn} /
 * {@code participant_lid}. Cobalt 0.0.10 reads none of these attributes.
 */
final class MessageAddresses {

    static final String LID_SERVER = "@lid";
    static final String PHONE_SERVER = "@s.whatsapp.net";

    private MessageAddresses() {
    }

    static List<EngineEvent.AddressLearned> of(NodeView message) {
        if (!message.tag().equals("message")) {
            return List.of();
        }
        var learned = new ArrayList<EngineEvent.AddressLearned>();
        var prefix = isGroup(message) ? "participant" : "sender";
        sender(message).ifPresent(address -> {
            if (address.endsWith(LID_SERVER)) {
                message.attribute(prefix + "_pn").map(MessageAddresses::user).filter(pn -> pn.endsWith(PHONE_SERVER))
                        .ifPresent(pn -> learned.add(new EngineEvent.AddressLearned(address, pn, "message")));
            } else if (address.endsWith(PHONE_SERVER)) {
                message.attribute(prefix + "_lid").map(MessageAddresses::user).filter(lid -> lid.endsWith(LID_SERVER))
                        .ifPresent(lid -> learned.add(new EngineEvent.AddressLearned(lid, address, "message")));
            }
        });
        return learned;
    }

    /** Who wrote a message: its {@code from}, in a group its {@code participant}; the account, without the device. */
    static Optional<String> sender(NodeView message) {
        return (isGroup(message) ? message.attribute("participant") : message.attribute("from")).map(MessageAddresses::user);
    }

    private static boolean isGroup(NodeView message) {
        return message.attribute("from").filter(from -> from.endsWith("@g.us")).isPresent();
    }

    /** A one-to-one message from a linked identity: the kind Cobalt 0.0.10 cannot read. */
    static boolean isDirectFromLid(NodeView message) {
        return message.tag().equals("message") && message.attribute("participant").isEmpty()
                && message.attribute("from").filter(from -> from.endsWith(LID_SERVER)).isPresent();
    }

    /** {@code user[:device]@server} without the device: the account's JID. */
    static String user(String jid) {
        var at = jid.indexOf('@');
        if (at < 0) {
            return jid;
        }
        var user = jid.substring(0, at);
        var colon = user.indexOf(':');
        return (colon < 0 ? user : user.substring(0, colon)) + jid.substring(at);
    }

    static Optional<String> phoneOf(String jid) {
        return jid.endsWith(PHONE_SERVER) ? Optional.of(jid.substring(0, jid.indexOf('@'))) : Optional.empty();
    }
}
