package io.kubezap.simulator.stream;

import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.node.Node;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each account's block list, as the server keeps it: read and changed by its devices with {@code blocklist} IQs
 * ({@code get}: {@code <list><item jid=…/></list>}; {@code set}: {@code <item action="block|unblock" jid=…/>}).
 * The server does not deliver a blocked account's messages or calls to the account that blocked it. An item may name the
 * person by number or by LID (Baileys 7 blocks {@code jid="<lid>@lid" pn_jid="<number>@s.whatsapp.net"} and unblocks by
 * the LID alone): both are the same person, kept by number.
 */
public final class BlockLists {

    private final Map<String, Set<String>> blocked = new ConcurrentHashMap<>();
    private final Function<Jid, Optional<String>> numberOf;

    /** {@code numberOf}: the number a LID stands for, when WhatsApp gave that LID to a number. */
    public BlockLists(Function<Jid, Optional<String>> numberOf) {
        this.numberOf = numberOf;
    }

    /** Whether {@code account} (a number) blocked {@code other} (a number). */
    public boolean blocks(String account, String other) {
        return blocked.getOrDefault(account, Set.of()).contains(other);
    }

    public List<String> of(String account) {
        return blocked.getOrDefault(account, Set.of()).stream().sorted().toList();
    }

    /** The number an item names: its {@code jid} when a number, else the number behind that LID (or its {@code pn_jid}). */
    private Optional<String> number(Node item) {
        var jid = item.attributes().getOptionalJid("jid");
        if (jid.isEmpty() || !JidServer.lid().equals(jid.get().server())) {
            return jid.map(Jid::user);
        }
        return numberOf.apply(jid.get()).or(() -> item.attributes().getOptionalJid("pn_jid").map(Jid::user));
    }

    Optional<Node> answer(ChatSession session, Node iq) {
        if (!"blocklist".equals(iq.attributes().getString("xmlns", "")) || session.deviceJid().isEmpty()) {
            return Optional.empty();
        }
        var account = session.deviceJid().get().user();
        if ("set".equals(iq.attributes().getString("type", ""))) {
            iq.findChild("item").ifPresent(item -> number(item).ifPresent(number -> {
                var list = blocked.computeIfAbsent(account, ignored -> ConcurrentHashMap.newKeySet());
                if ("block".equals(item.attributes().getString("action", ""))) {
                    list.add(number);
                } else {
                    list.remove(number);
                }
            }));
            return Optional.of(ServerNodes.result(iq));
        }
        var items = of(account).stream().map(number -> Node.of("item", Map.of("jid", Jid.of(number + "@s.whatsapp.net")))).toList();
        return Optional.of(ServerNodes.result(iq, Node.of("list", items)));
    }
}
