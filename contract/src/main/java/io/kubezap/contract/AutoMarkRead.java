package io.kubezap.contract;

/**
 * Which incoming messages a session marks read as they arrive (read receipts sent, the chat's unread count reset): the
 * resource's {@code spec.readReceipts.autoMarkRead}, passed to the session pod as {@code KUBEZAP_READ_RECEIPTS_AUTO_MARK_READ}.
 */
public enum AutoMarkRead {
    /** Every message of one-to-one chats and groups (not statuses or channels' posts). */
    All,
    /** Messages of one-to-one chats only. */
    Direct,
    /** None (the default): messages stay unread until POST /chats/{jid}/read. */
    Never
}
