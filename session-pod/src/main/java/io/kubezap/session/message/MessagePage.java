package io.kubezap.session.message;

import java.util.List;

/** One page of messages, newest first; pass {@code nextCursor} as {@code before} for the next page (null at the end). */
public record MessagePage(List<Message> items, String nextCursor) {
}
