package io.kubezap.session.message;

import java.util.Optional;

/** {@code includeDeleted}: also messages deleted for everyone or hidden here ("for me"). */
public record MessageFilter(Optional<String> chat, Optional<Direction> direction, Optional<MessageStatus> status,
                            Optional<String> type, boolean includeDeleted) {

    public static MessageFilter none() {
        return new MessageFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
