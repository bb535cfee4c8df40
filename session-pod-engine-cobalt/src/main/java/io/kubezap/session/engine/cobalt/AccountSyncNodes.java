package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;

import java.time.Instant;
import java.util.Optional;

/**
 * The account's own settings changed on another of its devices: WhatsApp's {@code account_sync} notification. Read here:
 * its {@code <disappearing_mode duration t/>}, the default timer for new chats (Cobalt 0.0.10 keeps it in its store and
 * tells no listener).
 */
final class AccountSyncNodes {

    private AccountSyncNodes() {
    }

    static Optional<EngineEvent.DefaultDisappearingChanged> defaultDisappearing(NodeView node, Instant receivedAt) {
        if (!"notification".equals(node.tag()) || node.attribute("type").filter("account_sync"::equals).isEmpty()) {
            return Optional.empty();
        }
        return node.child("disappearing_mode").flatMap(mode -> seconds(mode, "duration")
                .map(duration -> new EngineEvent.DefaultDisappearingChanged(duration,
                        seconds(mode, "t").filter(t -> t > 0).map(Instant::ofEpochSecond).orElse(receivedAt))));
    }

    private static Optional<Integer> seconds(NodeView node, String attribute) {
        return node.attribute(attribute).filter(value -> !value.isEmpty() && value.length() < 10
                && value.chars().allMatch(Character::isDigit)).map(Integer::parseInt);
    }
}
