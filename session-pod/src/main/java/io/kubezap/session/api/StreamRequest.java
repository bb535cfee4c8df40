package io.kubezap.session.api;

import io.kubezap.contract.filter.EventFilter;
import io.kubezap.session.problem.ApiException;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a client asks of a stream, SSE or WebSocket: where to resume, which types, and which of them by chat,
 * direction and who acted ({@link EventFilter}, its fields as query parameters); a bad id or filter is a 400.
 */
record StreamRequest(Optional<Long> resumeAfter, Set<String> types, EventFilter filter) {

    static StreamRequest of(String lastEventIdHeader, String lastEventIdParam, List<String> types) {
        return of(lastEventIdHeader, lastEventIdParam, types, EventFilter.EVERYTHING);
    }

    static StreamRequest of(String lastEventIdHeader, String lastEventIdParam, List<String> types, EventFilter filter) {
        Optional<Long> after = QueryParams.text(lastEventIdHeader).or(() -> QueryParams.text(lastEventIdParam))
                .map(v -> QueryParams.parsed("Last-Event-ID", v, Long::valueOf, "must be an event id"));
        return new StreamRequest(after, typeFilter(types), filter);
    }

    /** The filter in a stream's query parameters ({@code chats}, {@code excludeChats}, {@code direction}, {@code fromMe}). */
    static EventFilter filter(List<String> chats, List<String> excludeChats, String direction, String fromMe) {
        try {
            return EventFilter.fromQuery(chats, excludeChats, direction, fromMe);
        } catch (EventFilter.Invalid e) {
            throw ApiException.invalid(e.field(), e.problem());
        }
    }

    /** {@code type} may repeat and/or hold a comma-separated list. */
    private static Set<String> typeFilter(List<String> types) {
        return Optional.ofNullable(types).orElse(List.of()).stream()
                .flatMap(t -> Arrays.stream(t.split(",")))
                .map(String::strip)
                .filter(t -> !t.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
    }
}
