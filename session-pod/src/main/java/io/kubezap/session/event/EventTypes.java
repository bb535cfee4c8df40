package io.kubezap.session.event;

/** The stable, dotted names of the events this pod records (and webhooks deliver). */
public final class EventTypes {
    public static final String SESSION_STATUS = "session.status";
    public static final String SESSION_QR = "session.qr";
    public static final String SESSION_PAIRING_CODE = "session.pairing_code";
    public static final String SESSION_CONNECTED = "session.connected";
    public static final String SESSION_DISCONNECTED = "session.disconnected";
    public static final String SESSION_LOGGED_OUT = "session.logged_out";
    public static final String MESSAGE_RECEIVED = "message.received";
    public static final String MESSAGE_SENT = "message.sent";
    public static final String MESSAGE_STATUS = "message.status";
    public static final String MESSAGE_FAILED = "message.failed";

    private EventTypes() {
    }
}
