package io.kubezap.session.chat;

import java.util.List;

/** One page of the chat list; pass {@code nextCursor} as {@code cursor} for the next page (null at the end). */
public record ChatPage(List<Chat> items, String nextCursor) {
}
