package io.kubezap.simulator.stream;

import it.auties.whatsapp.model.node.Node;

import java.util.List;
import java.util.Map;

import static io.kubezap.simulator.stream.ServerNodes.attributes;

/**
 * Answers the client's {@code get}/{@code set} IQs that need nothing from a phone: the login
 * queries (passive, props, pre-key upload, 2fa, about privacy, privacy,
 * disappearing mode, block list), pings and anything else with an empty result.
 */
final class IqResponder {
    private IqResponder() {
    }

    static Node answer(Node iq) {
        var xmlns = iq.attributes().getString("xmlns", "");
        var content = switch (xmlns) {
            case "w" -> props();
            case "privacy" -> privacy();
            case "blocklist" -> Node.of("list");
            case "w:g2" -> Node.of("groups");
            default -> null;
        };
        return content == null ? ServerNodes.result(iq) : ServerNodes.result(iq, content);
    }

    /** A new account's privacy settings, as WhatsApp answers {@code get privacy}: everything visible to everyone. */
    private static Node privacy() {
        return Node.of("privacy", List.of(
                category("last", "all"), category("online", "all"), category("profile", "all"), category("status", "contacts"),
                category("groupadd", "all"), category("readreceipts", "all"), category("calladd", "all")));
    }

    private static Node category(String name, String value) {
        return Node.of("category", Map.of("name", name, "value", value));
    }

    private static Node props() {
        var props = List.of(
                Node.of("prop", attributes("name", "simulator", "value", "kubezap-wa-simulator")),
                Node.of("prop", attributes("name", "max_participants", "value", "1024")));
        return Node.of("props", attributes("protocol", "2", "hash", "kubezap"), props);
    }
}
