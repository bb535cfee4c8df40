package io.kubezap.session.api;

import io.kubezap.session.api.QueryParams;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What a client asks of a stream, SSE or WebSocket: where to resume and which types; a bad id is a 400. */
record StreamRequest(Optional<Long> resumeAfter, Set<String> types) {

    static StreamRequest of(String lastEventIdHeader, String lastEventIdParam, List<String> types) {
        Optional<Long> after = QueryParams.text(lastEventIdHeader).or(() -> QueryParams.text(lastEventIdParam))
                .map(v -> QueryParams.parsed("Last-Event-ID", v, Long::valueOf, "must be an event id"));
        return new StreamRequest(after, typeFilter(types));
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
