package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.model.node.Node;

import java.util.LinkedHashMap;
import java.util.Map;

/** Converts Cobalt's {@link Node} into a {@link NodeView}. */
final class CobaltNodes {

    private CobaltNodes() {
    }

    static NodeView view(Node node) {
        var attributes = new LinkedHashMap<String, String>();
        for (Map.Entry<String, Object> entry : node.attributes().toMap().entrySet()) {
            if (entry.getValue() != null) {
                attributes.put(entry.getKey(), String.valueOf(entry.getValue()));
            }
        }
        var children = node.children().stream().map(CobaltNodes::view).toList();
        return new NodeView(node.description(), attributes, children, node.contentAsString().orElse(null));
    }

    /** Only these nodes concern the adapter; everything else is not converted. */
    static boolean isOfInterest(Node node) {
        return switch (node.description()) {
            case "failure", "stream:error", "receipt", "call", "presence", "chatstate" -> true;
            case "iq" -> node.hasNode("pair-device");
            case "notification" -> PairingCodeLinker.isPrimaryHello(node) || PasskeyPrologue.isRequest(node) || switch (node.attributes().getString("type", "")) {
                case "w:gp2", "account_sync" -> true;
                case "picture" -> node.attributes().getString("from", "").endsWith("@g.us");
                default -> false;
            };
            default -> false;
        };
    }
}
