package io.kubezap.cobalt.lid;

import io.kubezap.cobalt.client.PerClient;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;

import java.util.LinkedHashMap;
import java.util.Optional;

/**
 * One-to-one messages addressed by LID, as current clients send them (whatsmeow commit {@code 4f8f64e0}, "send: always use
 * LID for DMs", July 2026): to someone whose LID is known a message goes {@code to="<lid>@lid"}, encrypted for the LID's
 * devices, with the number beside it as {@code peer_recipient_pn}. Cobalt 0.0.10 takes any chat off
 * {@code s.whatsapp.net} for a group, so the message is built for the number's chat with the LID's devices as its
 * recipients and {@code peer_recipient_pn} set, and {@link #address} turns its {@code to} into the LID on the way out.
 * The LID of each number is kept in the client's store ({@link LidShelf}).
 */
public final class LidFirst {

    /** The attribute naming, beside a LID, the number of the person a one-to-one message goes to. */
    public static final String PEER_RECIPIENT_PN = "peer_recipient_pn";

    private static final PerClient<LidFirst> CLIENTS = new PerClient<>();

    private final LidShelf shelf;

    LidFirst(LidShelf shelf) {
        this.shelf = shelf;
    }

    /** The LIDs of {@code client}, whose outgoing nodes the caller passes through {@link #address}. Called before it connects. */
    public static LidFirst of(Whatsapp client) {
        var lids = new LidFirst(new LidShelf(client.store().properties(), client.store()::addProperties));
        return CLIENTS.keep(client, lids);
    }

    /** The LIDs made for {@code client} by {@link #of}, if any. */
    public static Optional<LidFirst> existing(Whatsapp client) {
        return CLIENTS.of(client);
    }

    /** WhatsApp paired {@code lid} ({@code …@lid}) with {@code phone} ({@code …@s.whatsapp.net}). */
    public void learned(Jid lid, Jid phone) {
        if (lid.hasServer(JidServer.lid()) && phone.hasServer(JidServer.whatsapp())) {
            shelf.keep(phone.user(), lid.user());
        }
    }

    /** The LID of the person {@code phone} names, when known. */
    public Optional<Jid> lidOf(Jid phone) {
        if (!phone.hasServer(JidServer.whatsapp())) {
            return Optional.empty();
        }
        return shelf.lidOf(phone.user()).map(lid -> Jid.of(lid, JidServer.lid()));
    }

    /**
     * What goes out in place of {@code body}: a one-to-one message built for a number with {@code peer_recipient_pn}
     * naming that number goes to the number's LID; anything else as it is.
     */
    public Object address(Object body) {
        if (!(body instanceof Node node) || !node.hasDescription("message")) {
            return body;
        }
        var to = node.attributes().getOptionalJid("to");
        var number = node.attributes().getOptionalJid(PEER_RECIPIENT_PN);
        if (to.isEmpty() || number.isEmpty() || !to.get().hasServer(JidServer.whatsapp()) || !to.get().user().equals(number.get().user())) {
            return body;
        }
        var lid = lidOf(to.get());
        if (lid.isEmpty()) {
            return body;
        }
        var attributes = new LinkedHashMap<String, Object>(node.attributes().toMap());
        attributes.put("to", lid.get());
        return Node.of("message", attributes, node.children().toArray(Node[]::new));
    }
}
