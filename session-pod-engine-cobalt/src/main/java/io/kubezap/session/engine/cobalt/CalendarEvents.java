package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.UnsupportedByEngine;
import it.auties.protobuf.stream.ProtobufInputStream;

/**
 * Calendar events on Cobalt. Received: Cobalt 0.0.10's message model has no {@code eventMessage} (75); the replaced
 * {@code MessageContainer} of {@code cobalt-patches} keeps its bytes, read here, so a phone's event is stored as type
 * {@code event}. Sent: not yet (issue 83): the API answers 501 before anything is stored.
 */
final class CalendarEvents {

    private static final int CANCELED = 2;
    private static final int NAME = 3;
    private static final int DESCRIPTION = 4;
    private static final int LOCATION = 5;
    private static final int LOCATION_NAME = 3;
    private static final int JOIN_LINK = 6;
    private static final int START = 7;
    private static final int END = 8;
    private static final int EXTRA_GUESTS = 9;

    private CalendarEvents() {
    }

    static UnsupportedByEngine unsupported() {
        return new UnsupportedByEngine("Cobalt", "Calendar events (event messages)",
                "the Cobalt engine does not send events yet (it reads those it receives); use spec.engine Baileys to send events");
    }

    /** The event {@code eventMessage}'s bytes describe. */
    static MessageContent.Event read(byte[] eventMessage) {
        var in = ProtobufInputStream.fromBytes(eventMessage);
        String name = null;
        String description = null;
        String place = null;
        String joinLink = null;
        long start = 0;
        Long end = null;
        boolean extraGuests = false;
        boolean canceled = false;
        while (in.readTag()) {
            switch (in.index()) {
                case CANCELED -> canceled = in.readBool();
                case NAME -> name = in.readString().toString();
                case DESCRIPTION -> description = in.readString().toString();
                case LOCATION -> place = placeName(in.readLengthDelimited());
                case JOIN_LINK -> joinLink = in.readString().toString();
                case START -> start = in.readInt64();
                case END -> end = in.readInt64();
                case EXTRA_GUESTS -> extraGuests = in.readBool();
                default -> in.readUnknown(false);
            }
        }
        return new MessageContent.Event(name, description, place == null ? null : new MessageContent.Event.EventPlace(place),
                joinLink, start, end, extraGuests, canceled);
    }

    private static String placeName(ProtobufInputStream location) {
        String name = null;
        while (location.readTag()) {
            if (location.index() == LOCATION_NAME) {
                name = location.readString().toString();
            } else {
                location.readUnknown(false);
            }
        }
        return name;
    }
}
