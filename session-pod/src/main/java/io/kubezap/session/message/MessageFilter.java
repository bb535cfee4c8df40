package io.kubezap.session.message;

import java.util.Optional;

public record MessageFilter(Optional<String> chat, Optional<Direction> direction, Optional<MessageStatus> status,
                            Optional<String> type) {

    public static MessageFilter none() {
        return new MessageFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
