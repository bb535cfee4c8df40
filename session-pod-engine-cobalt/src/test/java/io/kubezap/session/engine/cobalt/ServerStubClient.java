package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.QrHandler;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.StoreKeysPair;
import it.auties.whatsapp.model.node.Node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A Cobalt client whose IQs reach a stub of WhatsApp's server: a pairing-code hello is answered with a ref. */
final class ServerStubClient extends Whatsapp {

    private final List<Node> sent = new CopyOnWriteArrayList<>();
    private final byte[] pairingRef;

    ServerStubClient(StoreKeysPair session, byte[] pairingRef) {
        super(session.store(), session.keys(), null, QrHandler.toPlainString(ignored -> { }));
        this.pairingRef = pairingRef;
    }

    @Override
    public CompletableFuture<Node> sendNode(Node node) {
        sent.add(node);
        var reply = Node.of("iq", Map.of("type", "result"),
                Node.of("link_code_companion_reg", Map.of(), Node.of("link_code_pairing_ref", pairingRef)));
        return CompletableFuture.completedFuture(reply);
    }

    List<Node> sent() {
        return List.copyOf(sent);
    }

    /** The {@code link_code_companion_reg} body of the {@code index}-th IQ sent. */
    Node registration(int index) {
        var iq = sent.get(index);
        assertThat(iq.attributes().getString("xmlns")).isEqualTo("md");
        return iq.findChild("link_code_companion_reg").orElseThrow();
    }
}
