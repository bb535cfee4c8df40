package io.kubezap.simulator.stream;

import it.auties.whatsapp.model.node.Node;

import java.time.Instant;

/** A node the client sent, decrypted, with when it arrived. */
public record ReceivedNode(Instant receivedAt, Node node) {
}
