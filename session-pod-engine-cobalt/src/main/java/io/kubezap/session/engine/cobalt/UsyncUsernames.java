package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.UsernameOwner;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.socket.SocketHandler;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Resolving a {@code @username} as current clients do (Baileys 7's {@code USyncContactProtocol} with a username, and the
 * {@code lid} and {@code username} protocols): one usync query naming the user by {@code <contact username>}. WhatsApp
 * answers under the account's LID, its number as {@code pn_jid} unless the account hides it; nobody holds the name when
 * no {@code user} with a {@code jid} and {@code contact type="in"} comes back.
 */
final class UsyncUsernames {

    private UsyncUsernames() {
    }

    static Node query(String username) {
        var user = Node.of("user", Node.of("contact", Map.of("username", username)));
        var usync = Node.of("usync", Map.of("sid", SocketHandler.randomSid(), "mode", "query", "last", "true", "index", "0",
                "context", "interactive"), Node.of("query", Node.of("contact"), Node.of("lid"), Node.of("username")), Node.of("list", user));
        return Node.of("iq", new HashMap<>(Map.of("id", SocketHandler.randomSid(), "to", JidServer.whatsapp().toJid(), "type", "get",
                "xmlns", "usync")), usync);
    }

    static Optional<UsernameOwner> read(NodeView answer, String username) {
        return answer.child("usync").flatMap(usync -> usync.child("list")).stream()
                .flatMap(list -> list.children("user").stream())
                .filter(user -> user.child("contact").flatMap(contact -> contact.attribute("type")).filter("in"::equals).isPresent())
                .flatMap(user -> user.attribute("jid").map(MessageAddresses::user).filter(jid -> jid.endsWith(MessageAddresses.LID_SERVER))
                        .map(lid -> new UsernameOwner(lid, user.attribute("pn_jid").map(MessageAddresses::user).orElse(null),
                                user.child("username").map(NodeView::content).filter(java.util.Objects::nonNull).filter(name -> !name.isBlank()).orElse(username)))
                        .stream())
                .findFirst();
    }
}
