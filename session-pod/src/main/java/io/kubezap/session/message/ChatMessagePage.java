package io.kubezap.session.message;

import java.util.List;

/**
 * One page of a chat's messages, newest first, and {@code total}: how many of the chat's messages the filters let
 * through; pass {@code nextCursor} as {@code before} for the next page (null at the end).
 */
public record ChatMessagePage(List<Message> items, String nextCursor, long total) {
}
