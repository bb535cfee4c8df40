package io.kubezap.session.engine.cobalt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Reads the refs out of the server's {@code <iq><pair-device><ref>…</ref>…</pair-device></iq>} request. */
public final class PairingRefs {

    private PairingRefs() {
    }

    /** The refs in the order the server sent them, or empty when the node is no pair-device request. */
    public static Optional<List<String>> of(NodeView node) {
        if (!node.tag().equals("iq")) {
            return Optional.empty();
        }
        return node.child("pair-device")
                .map(pairDevice -> pairDevice.children("ref").stream()
                        .map(NodeView::content)
                        .filter(Objects::nonNull)
                        .filter(ref -> !ref.isBlank())
                        .toList())
                .filter(refs -> !refs.isEmpty());
    }
}
