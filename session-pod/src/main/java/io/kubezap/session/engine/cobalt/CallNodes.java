package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineEvent.CallState;
import it.auties.whatsapp.model.jid.Jid;

import java.time.Instant;
import java.util.Optional;

/**
 * Calls, read from the server's {@code call} stanzas: {@code offer} (ringing), {@code accept} (answered on another
 * device), {@code reject} (declined on another device), {@code terminate} (hung up; {@code reason="timeout"} when
 * nobody answered). Cobalt 0.0.10 reports only offers; the rest of a call's life is read here.
 */
final class CallNodes {

    private CallNodes() {
    }

    static Optional<EngineEvent.CallUpdated> of(NodeView node, Instant receivedAt) {
        if (!node.tag().equals("call")) {
            return Optional.empty();
        }
        return node.firstChild().flatMap(signal -> state(signal).flatMap(state -> {
            var callId = signal.attribute("call-id");
            var caller = signal.attribute("call-creator").or(() -> node.attribute("from"));
            if (callId.isEmpty() || caller.isEmpty()) {
                return Optional.empty();
            }
            var at = node.attribute("t").map(Long::parseLong).map(Instant::ofEpochSecond).orElse(receivedAt);
            return Optional.of(new EngineEvent.CallUpdated(callId.get(), Jid.of(caller.get()).toSimpleJid().toString(),
                    signal.child("video").isPresent(), state, at, signal.attribute("offline").isPresent()));
        }));
    }

    private static Optional<CallState> state(NodeView signal) {
        return switch (signal.tag()) {
            case "offer" -> Optional.of(CallState.RINGING);
            case "accept" -> Optional.of(CallState.ACCEPTED);
            case "reject" -> Optional.of(CallState.REJECTED);
            case "terminate" -> Optional.of(signal.attribute("reason").filter("timeout"::equals).isPresent()
                    ? CallState.TIMED_OUT : CallState.ENDED);
            default -> Optional.empty();
        };
    }
}
