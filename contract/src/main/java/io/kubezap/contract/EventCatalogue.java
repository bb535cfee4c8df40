package io.kubezap.contract;

import java.util.List;

/**
 * The stable, dotted event names: what a webhook's {@code events} filter may name (the CRD validates against
 * {@link #ALL}) and what the session pod records. {@link #NOT_EMITTED_YET} are accepted in filters and documented, but
 * the pod does not record them yet.
 */
public final class EventCatalogue {

    public static final String SESSION_STATUS = "session.status";
    public static final String SESSION_QR = "session.qr";
    public static final String SESSION_PAIRING_CODE = "session.pairing_code";
    public static final String SESSION_CONNECTED = "session.connected";
    public static final String SESSION_DISCONNECTED = "session.disconnected";
    public static final String SESSION_LOGGED_OUT = "session.logged_out";
    public static final String MESSAGE_RECEIVED = "message.received";
    public static final String MESSAGE_SENT = "message.sent";
    public static final String MESSAGE_STATUS = "message.status";
    public static final String MESSAGE_EDITED = "message.edited";
    public static final String MESSAGE_REVOKED = "message.revoked";
    public static final String MESSAGE_FAILED = "message.failed";
    public static final String MESSAGE_REACTION = "message.reaction";
    public static final String POLL_VOTE = "poll.vote";
    public static final String PRESENCE_UPDATE = "presence.update";
    public static final String GROUP_UPDATE = "group.update";
    public static final String GROUP_PARTICIPANTS = "group.participants";
    public static final String GROUP_JOINED = "group.joined";
    public static final String GROUP_LEFT = "group.left";
    public static final String CALL_RECEIVED = "call.received";
    public static final String CALL_UPDATED = "call.updated";

    public static final List<String> ALL = List.of(
            SESSION_STATUS, SESSION_QR, SESSION_PAIRING_CODE, SESSION_CONNECTED, SESSION_DISCONNECTED,
            SESSION_LOGGED_OUT, MESSAGE_RECEIVED, MESSAGE_SENT, MESSAGE_STATUS, MESSAGE_EDITED, MESSAGE_REVOKED,
            MESSAGE_FAILED, MESSAGE_REACTION, POLL_VOTE, PRESENCE_UPDATE, GROUP_UPDATE, GROUP_PARTICIPANTS, GROUP_JOINED, GROUP_LEFT,
            CALL_RECEIVED, CALL_UPDATED);

    /** Sent to one endpoint on request (the webhook test call), whatever its filter: never named in a filter. */
    public static final String WEBHOOK_TEST = "webhook.test";

    public static final List<String> NOT_EMITTED_YET = List.of();

    private EventCatalogue() {
    }
}
