package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineEvent.CallState;
import it.auties.whatsapp.model.jid.Jid;

import java.time.Instant;
import java.util.Optional;

/**
 * Calls, read from the server's {@code call} stanzas: {@code offer} (ringing), {@code accept} (answered on another
 * device), {@code reject} (declined on another device), {@code terminate} (hung up; {@code reason="timeout"} when
 * nobody answered). Cobalt 0.0.10 reports only offers; the rest of a call's life is read here. A call from a linked
 * identity comes from {@code <lid>@lid}, with {@code caller_pn} when the caller shares the number.
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

    /** A call from a linked identity names the caller's number beside it ({@code caller_pn} on the offer) where shared. */
    static Optional<EngineEvent.AddressLearned> learned(NodeView node) {
        if (!node.tag().equals("call")) {
            return Optional.empty();
        }
        return node.firstChild().filter(signal -> signal.tag().equals("offer")).flatMap(offer -> offer.attribute("call-creator")
                .map(MessageAddresses::user).filter(creator -> creator.endsWith(MessageAddresses.LID_SERVER))
                .flatMap(lid -> offer.attribute("caller_pn").map(MessageAddresses::user)
                        .filter(pn -> pn.endsWith(MessageAddresses.PHONE_SERVER))
                        .map(pn -> new EngineEvent.AddressLearned(lid, pn, "call"))));
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
