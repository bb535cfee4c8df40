package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.MessageContent;
import it.auties.protobuf.stream.ProtobufInputStream;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageContainerBuilder;


/**
 * Calendar events on Cobalt. Received: Cobalt 0.0.10's message model has no {@code eventMessage} (75); the replaced
 * {@code MessageContainer} of {@code cobalt-patches} keeps its bytes, read here, so a phone's event is stored as type
 * {@code event}. Sent: {@link #message} builds it with a fresh 32-byte secret ({@code messageContextInfo.messageSecret})
 * that guests seal their answers with and its creator its edits ({@link EventSecrets}, which keeps the secret with
 * the store as the event is sent).
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

    /** The event as a message of its own, with a new secret. */
    static MessageContainer message(MessageContent.Event event) {
        return new MessageContainerBuilder().eventMessage(bytes(event)).deviceInfo(MessageContexts.withSecret().build()).build();
    }

    /** {@code eventMessage}'s fields, in field order as WhatsApp's apps write them. */
    static byte[] bytes(MessageContent.Event event) {
        var out = new ProtobufWriter().varint(CANCELED, event.canceled() ? 1 : 0).string(NAME, event.name())
                .string(DESCRIPTION, event.description());
        if (event.location() != null && event.location().name() != null) {
            out.bytes(LOCATION, new ProtobufWriter().string(LOCATION_NAME, event.location().name()).bytes());
        }
        out.string(JOIN_LINK, event.joinLink()).varint(START, event.startTime());
        if (event.endTime() != null) {
            out.varint(END, event.endTime());
        }
        return out.varint(EXTRA_GUESTS, event.extraGuestsAllowed() ? 1 : 0).bytes();
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
