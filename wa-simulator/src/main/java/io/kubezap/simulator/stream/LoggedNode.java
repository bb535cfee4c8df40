package io.kubezap.simulator.stream;

import it.auties.whatsapp.model.node.Node;

import java.time.Instant;

/** A node that crossed a connection (decrypted), with when it did. */
public record LoggedNode(Instant at, Node node) {
}
