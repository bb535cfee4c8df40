package io.kubezap.session.engine;

import java.util.List;

/** A reaction, an edit or a deletion for everyone of {@code target}, sent to the target's chat. */
public record OutgoingUpdate(MessageRef target, MessageUpdate update) implements OutgoingMessage {

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
