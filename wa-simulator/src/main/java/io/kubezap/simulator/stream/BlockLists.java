package io.kubezap.simulator.stream;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each account's block list, as the server keeps it: read and changed by its devices with {@code blocklist} IQs
 * ({@code get}: {@code <list><item jid=…/></list>}; {@code set}: {@code <item action="block|unblock" jid=…/>}).
 * The server does not deliver a blocked account's messages or calls to the account that blocked it.
 */
public final class BlockLists {

    private final Map<String, Set<String>> blocked = new ConcurrentHashMap<>();

    /** Whether {@code account} (a number) blocked {@code other} (a number). */
    public boolean blocks(String account, String other) {
        return blocked.getOrDefault(account, Set.of()).contains(other);
    }

    public List<String> of(String account) {
        return blocked.getOrDefault(account, Set.of()).stream().sorted().toList();
    }

    Optional<Node> answer(ChatSession session, Node iq) {
        if (!"blocklist".equals(iq.attributes().getString("xmlns", "")) || session.deviceJid().isEmpty()) {
            return Optional.empty();
        }
        var account = session.deviceJid().get().user();
        if ("set".equals(iq.attributes().getString("type", ""))) {
            iq.findChild("item").ifPresent(item -> item.attributes().getOptionalJid("jid").ifPresent(jid -> {
                var list = blocked.computeIfAbsent(account, ignored -> ConcurrentHashMap.newKeySet());
                if ("block".equals(item.attributes().getString("action", ""))) {
                    list.add(jid.user());
                } else {
                    list.remove(jid.user());
                }
            }));
            return Optional.of(ServerNodes.result(iq));
        }
        var items = of(account).stream().map(number -> Node.of("item", Map.of("jid", Jid.of(number + "@s.whatsapp.net")))).toList();
        return Optional.of(ServerNodes.result(iq, Node.of("list", items)));
    }
}
