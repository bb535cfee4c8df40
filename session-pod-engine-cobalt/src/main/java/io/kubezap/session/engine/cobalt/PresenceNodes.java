package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.EngineEvent.PresenceState;
import it.auties.whatsapp.model.jid.Jid;

import java.time.Instant;
import java.util.Optional;

/**
 * Presence and chat states, read from the server's {@code presence} stanzas ({@code type="unavailable"} with
 * {@code last} when the contact shares when it was last seen; no type: online) and {@code chatstate} stanzas
 * ({@code composing}, with {@code media="audio"} while recording a voice note, or {@code paused}).
 */
final class PresenceNodes {

    private PresenceNodes() {
    }

    static Optional<EngineEvent.PresenceUpdated> of(NodeView node, Instant receivedAt) {
        var from = node.attribute("from").map(jid -> Jid.of(jid).toSimpleJid().toString());
        if (from.isEmpty()) {
            return Optional.empty();
        }
        return switch (node.tag()) {
            case "presence" -> presence(node, from.get(), receivedAt);
            case "chatstate" -> node.firstChild().flatMap(PresenceNodes::chatState)
                    .map(state -> new EngineEvent.PresenceUpdated(from.get(), state, null, from.get(), receivedAt));
            default -> Optional.empty();
        };
    }

    private static Optional<EngineEvent.PresenceUpdated> presence(NodeView node, String from, Instant receivedAt) {
        var type = node.attribute("type").orElse("available");
        var state = switch (type) {
            case "available" -> PresenceState.AVAILABLE;
            case "unavailable" -> PresenceState.UNAVAILABLE;
            default -> null; // subscribe answers and the like
        };
        if (state == null) {
            return Optional.empty();
        }
        var lastSeen = node.attribute("last").filter(last -> last.chars().allMatch(Character::isDigit) && !last.isEmpty())
                .map(Long::parseLong).filter(seconds -> seconds > 0).map(Instant::ofEpochSecond).orElse(null);
        return Optional.of(new EngineEvent.PresenceUpdated(from, state, lastSeen, null, receivedAt));
    }

    private static Optional<PresenceState> chatState(NodeView state) {
        return switch (state.tag()) {
            case "composing" -> Optional.of(state.attribute("media").filter("audio"::equals).isPresent()
                    ? PresenceState.RECORDING : PresenceState.COMPOSING);
            case "paused" -> Optional.of(PresenceState.PAUSED);
            default -> Optional.empty();
        };
    }
}
