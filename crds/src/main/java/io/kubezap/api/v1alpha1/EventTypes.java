package io.kubezap.api.v1alpha1;

import io.kubezap.contract.EventCatalogue;

import java.util.List;

/** The stable, dotted event names of the shared catalogue; webhook filters may only name these. */
public final class EventTypes {

    public static final List<String> ALL = EventCatalogue.ALL;

    /** CEL over a list of strings: every entry is a known event type. Kept in sync with {@link #ALL} by a test. */
    public static final String CEL_ALL_KNOWN = "self.all(e, e in ['session.status', 'session.qr', "
            + "'session.pairing_code', 'session.connected', 'session.disconnected', 'session.logged_out', "
            + "'message.received', 'message.sent', 'message.status', 'message.edited', 'message.revoked', "
            + "'message.failed', 'message.reaction', 'poll.vote', 'presence.update', 'group.update', 'group.participants', 'group.joined', 'group.left', 'call.received', 'call.updated'])";

    private EventTypes() {
    }
}
