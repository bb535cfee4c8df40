package io.kubezap.session.event;

import io.kubezap.contract.EventCatalogue;

/** The events this pod records (and webhooks deliver), by their names in the shared {@link EventCatalogue}. */
public final class EventTypes {
    public static final String SESSION_STATUS = EventCatalogue.SESSION_STATUS;
    public static final String SESSION_QR = EventCatalogue.SESSION_QR;
    public static final String SESSION_PAIRING_CODE = EventCatalogue.SESSION_PAIRING_CODE;
    public static final String SESSION_CONNECTED = EventCatalogue.SESSION_CONNECTED;
    public static final String SESSION_DISCONNECTED = EventCatalogue.SESSION_DISCONNECTED;
    public static final String SESSION_LOGGED_OUT = EventCatalogue.SESSION_LOGGED_OUT;
    public static final String MESSAGE_RECEIVED = EventCatalogue.MESSAGE_RECEIVED;
    public static final String MESSAGE_SENT = EventCatalogue.MESSAGE_SENT;
    public static final String MESSAGE_STATUS = EventCatalogue.MESSAGE_STATUS;
    public static final String MESSAGE_FAILED = EventCatalogue.MESSAGE_FAILED;
    public static final String MESSAGE_EDITED = EventCatalogue.MESSAGE_EDITED;
    public static final String MESSAGE_REVOKED = EventCatalogue.MESSAGE_REVOKED;
    public static final String MESSAGE_REACTION = EventCatalogue.MESSAGE_REACTION;
    public static final String POLL_VOTE = EventCatalogue.POLL_VOTE;
    public static final String CALL_RECEIVED = EventCatalogue.CALL_RECEIVED;
    public static final String PRESENCE_UPDATE = EventCatalogue.PRESENCE_UPDATE;
    public static final String CALL_UPDATED = EventCatalogue.CALL_UPDATED;
    public static final String GROUP_UPDATE = EventCatalogue.GROUP_UPDATE;
    public static final String GROUP_PARTICIPANTS = EventCatalogue.GROUP_PARTICIPANTS;
    public static final String GROUP_JOINED = EventCatalogue.GROUP_JOINED;
    public static final String GROUP_LEFT = EventCatalogue.GROUP_LEFT;

    private EventTypes() {
    }
}
