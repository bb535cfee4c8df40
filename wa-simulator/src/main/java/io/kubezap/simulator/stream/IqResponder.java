package io.kubezap.simulator.stream;

import it.auties.whatsapp.model.node.Node;

import java.util.List;

import static io.kubezap.simulator.stream.ServerNodes.attributes;

/**
 * Answers the client's {@code get}/{@code set} IQs that need nothing from a phone: the login
 * queries (passive, props, pre-key upload, 2fa, disappearing mode, block list), pings and anything else
 * with an empty result. (An account's privacy settings: {@link AccountIqs}.)
 */
final class IqResponder {
    private IqResponder() {
    }

    static Node answer(Node iq) {
        var xmlns = iq.attributes().getString("xmlns", "");
        var content = switch (xmlns) {
            case "w" -> props();
            case "blocklist" -> Node.of("list");
            case "w:g2" -> Node.of("groups");
            default -> null;
        };
        return content == null ? ServerNodes.result(iq) : ServerNodes.result(iq, content);
    }

    private static Node props() {
        var props = List.of(
                Node.of("prop", attributes("name", "simulator", "value", "kubezap-wa-simulator")),
                Node.of("prop", attributes("name", "max_participants", "value", "1024")));
        return Node.of("props", attributes("protocol", "2", "hash", "kubezap"), props);
    }
}
