package io.kubezap.contract.stream;

import io.kubezap.contract.QueryValues;
import io.kubezap.contract.filter.EventFilter;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * What a client asks of an event stream, SSE or WebSocket, from a session pod or the gateway: where to resume (the
 * {@value #LAST_EVENT_ID} header, else the {@value #LAST_EVENT_ID_PARAM} query parameter, for clients that cannot
 * send headers), which event types ({@value #TYPE}: repeatable or comma-separated, none: all), and which of them by
 * chat, direction and who acted ({@link EventFilter}, its fields as query parameters). A bad id or filter is an
 * {@link EventFilter.Invalid} naming the field, which each server answers with a 400.
 */
public record StreamQuery(OptionalLong resumeAfter, Set<String> types, EventFilter filter) {

    public static final String LAST_EVENT_ID = "Last-Event-ID";
    public static final String LAST_EVENT_ID_PARAM = "lastEventId";
    public static final String TYPE = "type";

    public static StreamQuery of(String lastEventIdHeader, String lastEventIdParam, List<String> types,
                                 List<String> chats, List<String> excludeChats, String direction, String fromMe) {
        String lastEventId = lastEventIdHeader == null || lastEventIdHeader.isBlank() ? lastEventIdParam : lastEventIdHeader;
        return new StreamQuery(resumeAfter(lastEventId), QueryValues.set(types),
                EventFilter.fromQuery(chats, excludeChats, direction, fromMe));
    }

    /** From a request's {@value #LAST_EVENT_ID} header and its query parameters ({@code parameter} → every value). */
    public static StreamQuery of(String lastEventIdHeader, Function<String, List<String>> parameter) {
        return of(lastEventIdHeader, first(parameter.apply(LAST_EVENT_ID_PARAM)), parameter.apply(TYPE),
                parameter.apply(EventFilter.CHATS), parameter.apply(EventFilter.EXCLUDE_CHATS),
                first(parameter.apply(EventFilter.DIRECTION)), first(parameter.apply(EventFilter.FROM_ME)));
    }

    private static OptionalLong resumeAfter(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(lastEventId.strip()));
        } catch (NumberFormatException e) {
            throw new EventFilter.Invalid(LAST_EVENT_ID, "must be an event id");
        }
    }

    private static String first(List<String> values) {
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
