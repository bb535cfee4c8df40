package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.engine.MessageContent;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Checks a calendar event of {@code POST /events} (or {@code PATCH /events/{id}} over the event as it is) as WhatsApp's
 * apps check one before they show its card: a name, a start, an end after the start, a call link that is a WhatsApp
 * call link. Each problem is a field error under {@code event.}.
 */
final class EventRequests {

    private static final Pattern CALL_LINK = Pattern.compile("https://call\\.whatsapp\\.com/(voice|video)/[A-Za-z0-9_-]+");

    private EventRequests() {
    }

    static MessageContent event(SendMessageRequest.EventRequest event, List<FieldError> errors) {
        if (event == null) {
            errors.add(new FieldError("event", "is required: {name, startTime, endTime?, description?, location?, joinLink?, extraGuestsAllowed?}"));
            return null;
        }
        return checked(new MessageContent.Event(event.name(), blankToNull(event.description()), place(event.location()),
                blankToNull(event.joinLink()), event.startTime() == null ? 0 : event.startTime(), event.endTime(),
                Boolean.TRUE.equals(event.extraGuestsAllowed()), false), errors);
    }

    /** {@code current} with the fields {@code change} gives; absent ones keep their value. */
    static MessageContent.Event changed(MessageContent.Event current, SendMessageRequest.EventRequest change, List<FieldError> errors) {
        if (change == null) {
            errors.add(new FieldError("event", "give the fields to change"));
            return null;
        }
        return checked(new MessageContent.Event(Objects.requireNonNullElse(change.name(), current.name()),
                change.description() != null ? blankToNull(change.description()) : current.description(),
                change.location() != null ? place(change.location()) : current.location(),
                change.joinLink() != null ? blankToNull(change.joinLink()) : current.joinLink(),
                Objects.requireNonNullElse(change.startTime(), current.startTime()),
                change.endTime() != null ? change.endTime() : current.endTime(),
                Objects.requireNonNullElse(change.extraGuestsAllowed(), current.extraGuestsAllowed()), current.canceled()), errors);
    }

    private static MessageContent.Event checked(MessageContent.Event event, List<FieldError> errors) {
        int before = errors.size();
        if (event.name() == null || event.name().isBlank()) {
            errors.add(new FieldError("event.name", "must not be blank"));
        }
        if (event.startTime() <= 0) {
            errors.add(new FieldError("event.startTime", "is required: epoch seconds"));
        } else if (event.endTime() != null && event.endTime() <= event.startTime()) {
            errors.add(new FieldError("event.endTime", "must be after startTime (epoch seconds)"));
        }
        if (event.joinLink() != null && !CALL_LINK.matcher(event.joinLink()).matches()) {
            errors.add(new FieldError("event.joinLink", "must be a WhatsApp call link: https://call.whatsapp.com/voice/… or /video/…"));
        }
        return errors.size() == before ? new MessageContent.Event(event.name().strip(), event.description(), event.location(),
                event.joinLink(), event.startTime(), event.endTime(), event.extraGuestsAllowed(), event.canceled()) : null;
    }

    private static MessageContent.Event.EventPlace place(MessageContent.Event.EventPlace place) {
        return place == null || blankToNull(place.name()) == null ? null : new MessageContent.Event.EventPlace(place.name().strip());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
