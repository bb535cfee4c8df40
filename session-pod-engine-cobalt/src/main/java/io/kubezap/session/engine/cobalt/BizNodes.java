package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.client.PerClient;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.button.InteractiveMessage;
import it.auties.whatsapp.model.message.button.ListMessage;
import it.auties.whatsapp.model.node.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code <biz>} node WhatsApp delivers buttons and lists with, and, to a person, the {@code <bot biz_bot="1">} node,
 * as WhatsApp Business apps (and the Baileys bridge) write them beside the message. Cobalt 0.0.10 writes neither and
 * builds the {@code <message>} stanza itself, encrypted: the session pod names each such message by id before Cobalt
 * sends it ({@link #expect}), and {@link #attach} adds the nodes to the stanza of that id on its way out, a resend to a
 * device that asks again included (the last {@value #KEPT} are kept).
 */
final class BizNodes {

    static final int KEPT = 256;
    private static final PerClient<BizNodes> CLIENTS = new PerClient<>();
    private static final Node BUTTONS = Node.of("biz", Map.of(), Node.of("interactive", Map.<String, Object>of("type", "native_flow", "v", "1"),
            Node.of("native_flow", Map.<String, Object>of("v", "9", "name", "mixed"))));
    private static final Node LIST = Node.of("biz", Map.of(), Node.of("list", Map.<String, Object>of("type", "product_list", "v", "2")));
    private static final Node BOT = Node.of("bot", Map.<String, Object>of("biz_bot", "1"));

    private final Map<String, Node> byId = new LinkedHashMap<>(KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Node> eldest) {
            return size() > KEPT;
        }
    };

    /** The nodes of {@code client}, whose outgoing stanzas the caller passes through {@link #attach}. Called before it connects. */
    static BizNodes of(Whatsapp client) {
        return CLIENTS.keep(client, new BizNodes());
    }

    /** The nodes made for {@code client} by {@link #of}, if any. */
    static Optional<BizNodes> existing(Whatsapp client) {
        return CLIENTS.of(client);
    }

    /** {@code message} goes out next: when it holds buttons or a list, its stanza gets the {@code <biz>} node they need. */
    synchronized void expect(ChatMessageInfo message) {
        var biz = switch (message.message().content()) {
            case InteractiveMessage ignored -> BUTTONS;
            case ListMessage ignored -> LIST;
            default -> null;
        };
        if (biz != null) {
            byId.put(message.id(), biz);
        }
    }

    /** What goes out in place of {@code body}: an expected message's stanza with its nodes; anything else as it is. */
    Object attach(Object body) {
        if (!(body instanceof Node node) || !node.hasDescription("message") || node.findChild("biz").isPresent()) {
            return body;
        }
        Node biz;
        synchronized (this) {
            biz = byId.get(node.attributes().getString("id", ""));
        }
        if (biz == null) {
            return body;
        }
        var children = new ArrayList<>(node.children());
        children.add(biz);
        var to = node.attributes().getOptionalJid("to");
        if (to.isPresent() && !to.get().hasServer(JidServer.groupOrCommunity())) {
            children.add(BOT);
        }
        return Node.of("message", node.attributes().toMap(), children.toArray(Node[]::new));
    }
}
