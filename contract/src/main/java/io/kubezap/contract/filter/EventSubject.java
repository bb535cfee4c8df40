package io.kubezap.contract.filter;

import io.kubezap.contract.EventCatalogue;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Map.entry;

/**
 * What an event is about, as far as an {@link EventFilter} asks: its chat, the direction of the message it concerns,
 * and whether the account itself did it. Read from the event's payload (the JSON the pod records and every output
 * carries) by one table of where each type keeps them, so the pod's outboxes and the gateway's streams read them alike.
 */
public record EventSubject(Optional<String> chat, Optional<EventDirection> direction, Optional<Boolean> fromMe) {

    public static final EventSubject NOTHING = new EventSubject(Optional.empty(), Optional.empty(), Optional.empty());

    /** A payload's text at a JSON pointer ({@code /chat}, {@code /message/direction}), null when absent. */
    @FunctionalInterface
    public interface Payload {
        String text(String pointer);
    }

    /** Where one event type keeps its facts: pointers, or a fixed answer where the type itself says it. */
    private record Where(String chat, Function<Payload, Optional<EventDirection>> direction,
                         Function<Payload, Optional<Boolean>> fromMe) {
    }

    private static final Where MESSAGE = new Where("/chat", p -> direction(p, "/direction"), p -> sentBy(p, "/direction"));
    private static final Where ON_A_MESSAGE = new Where("/message/chat", p -> direction(p, "/message/direction"),
            p -> sentBy(p, "/message/direction"));
    private static final Where CHAT = new Where("/chat", p -> Optional.empty(), p -> Optional.empty());

    private static final Map<String, Where> WHERE = Map.ofEntries(
            entry(EventCatalogue.MESSAGE_RECEIVED, MESSAGE),
            entry(EventCatalogue.MESSAGE_SENT, MESSAGE),
            entry(EventCatalogue.MESSAGE_FAILED, MESSAGE),
            entry(EventCatalogue.STATUS_RECEIVED, MESSAGE),
            // a receipt is the recipient's doing, on a message the account sent
            entry(EventCatalogue.MESSAGE_STATUS, new Where("/chat", p -> fixed(EventDirection.Outgoing), p -> Optional.of(false))),
            entry(EventCatalogue.MESSAGE_UNDECRYPTABLE, new Where("/chat", p -> fixed(EventDirection.Incoming), p -> Optional.of(false))),
            // only a message's sender edits it or deletes it for everyone (the pod ignores anyone else's)
            entry(EventCatalogue.MESSAGE_EDITED, ON_A_MESSAGE),
            entry(EventCatalogue.MESSAGE_REVOKED, ON_A_MESSAGE),
            entry(EventCatalogue.MESSAGE_REACTION, new Where("/chat", p -> direction(p, "/message/direction"), p -> flag(p, "/fromMe"))),
            // a vote names no direction of its poll: not filtered by direction
            entry(EventCatalogue.POLL_VOTE, new Where("/chat", p -> Optional.empty(), p -> flag(p, "/fromMe"))),
            // an answer names no direction of its event either
            entry(EventCatalogue.EVENT_RESPONSE, new Where("/chat", p -> Optional.empty(), p -> flag(p, "/fromMe"))),
            entry(EventCatalogue.PRESENCE_UPDATE, new Where("/jid", p -> Optional.empty(), p -> Optional.of(false))),
            entry(EventCatalogue.GROUP_UPDATE, new Where("/group", p -> Optional.empty(), p -> Optional.empty())),
            entry(EventCatalogue.GROUP_PARTICIPANTS, new Where("/group", p -> Optional.empty(), p -> Optional.empty())),
            entry(EventCatalogue.GROUP_JOINED, new Where("/group", p -> Optional.empty(), p -> Optional.empty())),
            entry(EventCatalogue.GROUP_LEFT, new Where("/group", p -> Optional.empty(), p -> Optional.empty())),
            entry(EventCatalogue.GROUP_JOIN_REQUEST, new Where("/group", p -> Optional.empty(), p -> Optional.empty())),
            entry(EventCatalogue.CALL_RECEIVED, new Where("/from", p -> fixed(EventDirection.Incoming), p -> Optional.of(false))),
            entry(EventCatalogue.CALL_UPDATED, new Where("/from", p -> fixed(EventDirection.Incoming), p -> Optional.of(false))),
            entry(EventCatalogue.CHAT_UPDATED, CHAT),
            entry(EventCatalogue.CHAT_DISAPPEARING, new Where("/chat", p -> Optional.empty(), p -> flag(p, "/fromMe"))),
            entry(EventCatalogue.LABEL_ASSIGNED, CHAT),
            entry(EventCatalogue.LABEL_UNASSIGNED, CHAT));

    /** What an event of {@code type} with this payload is about; {@link #NOTHING} for the types about no chat. */
    public static EventSubject of(String type, Payload payload) {
        Where where = WHERE.get(type);
        if (where == null) {
            return NOTHING;
        }
        return new EventSubject(Optional.ofNullable(payload.text(where.chat())).filter(chat -> !chat.isBlank()),
                where.direction().apply(payload), where.fromMe().apply(payload));
    }

    private static Optional<EventDirection> fixed(EventDirection direction) {
        return Optional.of(direction);
    }

    /** A stored message's {@code direction}: {@code in} or {@code out}. */
    private static Optional<EventDirection> direction(Payload payload, String pointer) {
        String wire = payload.text(pointer);
        if ("in".equals(wire)) {
            return fixed(EventDirection.Incoming);
        }
        return "out".equals(wire) ? fixed(EventDirection.Outgoing) : Optional.empty();
    }

    private static Optional<Boolean> sentBy(Payload payload, String pointer) {
        return direction(payload, pointer).map(direction -> direction == EventDirection.Outgoing);
    }

    private static Optional<Boolean> flag(Payload payload, String pointer) {
        String value = payload.text(pointer);
        return "true".equals(value) || "false".equals(value) ? Optional.of(Boolean.parseBoolean(value)) : Optional.empty();
    }
}
