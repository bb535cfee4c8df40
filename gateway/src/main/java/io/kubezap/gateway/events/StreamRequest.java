package io.kubezap.gateway.events;

import io.kubezap.contract.filter.EventFilter;
import io.kubezap.gateway.auth.RequestedSessions;
import io.kubezap.gateway.problem.GatewayException;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a client asks of a stream: the sessions ({@link RequestedSessions}), event types ({@code type}, repeatable
 * or comma-separated), which of them by chat, direction and who acted ({@link EventFilter}: the webhooks' filter,
 * its fields as query parameters) and where to resume ({@code Last-Event-ID}).
 */
record StreamRequest(Set<String> namespaces, Set<String> sessions, Set<String> types, EventFilter filter,
                     OptionalLong resumeAfter) {

    static StreamRequest of(List<String> namespaces, List<String> sessions, List<String> types,
                            String lastEventIdHeader, String lastEventIdParam, String defaultNamespace) {
        return of(namespaces, sessions, types, EventFilter.EVERYTHING, lastEventIdHeader, lastEventIdParam, defaultNamespace);
    }

    static StreamRequest of(List<String> namespaces, List<String> sessions, List<String> types, EventFilter filter,
                            String lastEventIdHeader, String lastEventIdParam, String defaultNamespace) {
        String lastEventId = Optional.ofNullable(lastEventIdHeader).filter(v -> !v.isBlank()).orElse(lastEventIdParam);
        return new StreamRequest(RequestedSessions.namespaces(namespaces),
                RequestedSessions.sessions(sessions, defaultNamespace), RequestedSessions.values(types), filter,
                resumeAfter(lastEventId));
    }

    /** The filter in the query ({@code chats}, {@code excludeChats}, {@code direction}, {@code fromMe}); a bad one is a 400. */
    static EventFilter filter(List<String> chats, List<String> excludeChats, String direction, String fromMe) {
        try {
            return EventFilter.fromQuery(chats, excludeChats, direction, fromMe);
        } catch (EventFilter.Invalid e) {
            throw GatewayException.invalid(e.field(), e.problem());
        }
    }

    private static OptionalLong resumeAfter(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(lastEventId.strip()));
        } catch (NumberFormatException e) {
            throw GatewayException.invalid("Last-Event-ID", "must be an event id");
        }
    }
}
