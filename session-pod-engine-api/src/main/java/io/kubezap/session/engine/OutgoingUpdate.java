package io.kubezap.session.engine;

import java.util.List;

/**
 * A reaction, an edit or a deletion for everyone of {@code target}, sent to the target's chat; {@code traits} the
 * target's (a status's update goes to the status's audience).
 */
public record OutgoingUpdate(MessageRef target, MessageUpdate update, MessageTraits traits) implements OutgoingMessage {

    public OutgoingUpdate {
        traits = traits == null ? MessageTraits.NONE : traits;
    }

    public OutgoingUpdate(MessageRef target, MessageUpdate update) {
        this(target, update, MessageTraits.NONE);
    }

    @Override
    public String chatJid() {
        return target.chatJid();
    }

    @Override
    public String quotedMessageId() {
        return null;
    }

    @Override
    public List<String> mentions() {
        return List.of();
    }
}
