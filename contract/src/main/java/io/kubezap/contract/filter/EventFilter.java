package io.kubezap.contract.filter;

import io.kubezap.contract.QueryValues;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Which events an output takes beyond their type: one model for webhooks ({@code spec.webhooks[].filter}), event sinks
 * ({@code spec.events.sinks[].filter}) and the live streams (the same names as query parameters). An event about a chat
 * passes when {@code chats} is empty or names it, and {@code excludeChats} does not; an event about a message passes
 * when its {@code direction} is wanted; with {@code fromMe: false}, what the account itself did (its messages, from
 * this API or its phone, its reactions, votes, edits and deletions) is left out. What an event is about is read by
 * {@link EventSubject}; an event about no chat (the session's, labels', history's) is not filtered by chat, one of no
 * direction not by direction. Ignoring groups and status is {@code excludeChats: [groups, status]}.
 */
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record EventFilter(@JsonProperty(CHATS) List<String> chats,
                          @JsonProperty(EXCLUDE_CHATS) List<String> excludeChats,
                          @JsonProperty(DIRECTION) EventDirection direction,
                          @JsonProperty(FROM_ME) Boolean fromMe) {

    public static final String CHATS = "chats";
    public static final String EXCLUDE_CHATS = "excludeChats";
    public static final String DIRECTION = "direction";
    public static final String FROM_ME = "fromMe";
    /** The most entries a chat list holds (the CRD's bound too). */
    public static final int MAX_CHATS = 100;

    /** Lets every event through. */
    public static final EventFilter EVERYTHING = new EventFilter(List.of(), List.of(), EventDirection.Both, true);

    /** A filter that cannot be: {@code field} names the part (a list's entry with its index), the message what is wrong. */
    public static final class Invalid extends IllegalArgumentException {

        private final String field;

        public Invalid(String field, String problem) {
            super(field + ": " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }

        /** What is wrong, without the field's name. */
        public String problem() {
            return getMessage().substring(field.length() + 2);
        }
    }

    /** Unset parts take their defaults; a bad entry is refused, named by where it is. */
    public EventFilter {
        chats = selectors(CHATS, chats);
        excludeChats = selectors(EXCLUDE_CHATS, excludeChats);
        direction = direction == null ? EventDirection.Both : direction;
        fromMe = fromMe == null || fromMe;
        for (String chat : chats) {
            if (excludeChats.contains(chat)) {
                throw new Invalid(EXCLUDE_CHATS, "names " + chat + ", which " + CHATS
                        + " names too: a chat is either included or excluded");
            }
        }
    }

    /**
     * The filter a stream's query asks for, in parameters of the fields' names: {@code chats} and {@code excludeChats}
     * repeatable or comma-separated,
     * {@code direction} (incoming, outgoing or both, any case), {@code fromMe} (true or false); absent parts default.
     */
    public static EventFilter fromQuery(List<String> chats, List<String> excludeChats, String direction, String fromMe) {
        return new EventFilter(QueryValues.list(chats), QueryValues.list(excludeChats), direction(direction), fromMe(fromMe));
    }

    /** The filter of a file's entry: the direction by name, any case. */
    public static EventFilter of(List<String> chats, List<String> excludeChats, String direction, Boolean fromMe) {
        return new EventFilter(chats, excludeChats, direction(direction), fromMe);
    }

    /** Whether an event about {@code subject} passes. */
    public boolean passes(EventSubject subject) {
        if (subject.chat().isPresent()) {
            String chat = subject.chat().get();
            if (!chats.isEmpty() && chats.stream().noneMatch(entry -> ChatSelector.parse(entry).matches(chat))) {
                return false;
            }
            if (excludeChats.stream().anyMatch(entry -> ChatSelector.parse(entry).matches(chat))) {
                return false;
            }
        }
        if (direction != EventDirection.Both && subject.direction().isPresent() && subject.direction().get() != direction) {
            return false;
        }
        return fromMe || !subject.fromMe().orElse(false);
    }

    /**
     * Whether an event passes, reading what it is about ({@code subject}) only when this filter asks more than every
     * event: an output that does not filter never parses a payload.
     */
    public boolean passes(Supplier<EventSubject> subject) {
        return isEverything() || passes(subject.get());
    }

    /** True when it lets every event through, so an output need not read what events are about. */
    @JsonIgnore
    public boolean isEverything() {
        return chats.isEmpty() && excludeChats.isEmpty() && direction == EventDirection.Both && fromMe;
    }

    private static List<String> selectors(String field, List<String> entries) {
        if (entries == null) {
            return List.of();
        }
        if (entries.size() > MAX_CHATS) {
            throw new Invalid(field, "at most " + MAX_CHATS + " chats");
        }
        List<String> parsed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            try {
                ChatSelector.parse(entries.get(i));
                parsed.add(entries.get(i).strip()); // as written: the CRD's rule compares the lists as written too
            } catch (IllegalArgumentException e) {
                throw new Invalid(field + "[" + i + "]", e.getMessage());
            }
        }
        return List.copyOf(parsed);
    }

    private static EventDirection direction(String value) {
        if (value == null || value.isBlank()) {
            return EventDirection.Both;
        }
        for (EventDirection known : EventDirection.values()) {
            if (known.name().equalsIgnoreCase(value.strip())) {
                return known;
            }
        }
        throw new Invalid(DIRECTION, "incoming, outgoing or both");
    }

    private static Boolean fromMe(String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new Invalid(FROM_ME, "true or false");
        };
    }
}
