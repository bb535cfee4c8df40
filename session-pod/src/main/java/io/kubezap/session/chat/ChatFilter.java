package io.kubezap.session.chat;

import java.util.Optional;

/** Which chats {@code GET /chats} lists; an empty filter lets every chat through. */
public record ChatFilter(Optional<Boolean> archived, Optional<Boolean> pinned, Optional<Boolean> unread,
                         Optional<Boolean> group, Optional<String> label) {

    public static ChatFilter none() {
        return new ChatFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
