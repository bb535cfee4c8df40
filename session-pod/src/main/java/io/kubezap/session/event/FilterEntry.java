package io.kubezap.session.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.kubezap.contract.filter.EventFilter;

import java.util.List;

/**
 * An output's {@code filter} as the webhooks' and event sinks' files hold it ({@link EventFilter}'s fields), read
 * as plain values so that a bad one is told with its place in the file instead of failing the whole file's parse.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FilterEntry(List<String> chats, List<String> excludeChats, String direction, Boolean fromMe) {

    /** The filter, {@link EventFilter#EVERYTHING} when the entry has none; {@code where} names the entry in errors. */
    public static EventFilter toFilter(FilterEntry entry, String where) {
        if (entry == null) {
            return EventFilter.EVERYTHING;
        }
        try {
            return EventFilter.of(entry.chats(), entry.excludeChats(), entry.direction(), entry.fromMe());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": filter." + e.getMessage());
        }
    }
}
