package io.kubezap.gateway.events;

import io.kubezap.gateway.auth.RequestedSessions;
import io.kubezap.gateway.problem.GatewayException;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a client asks of a stream: the sessions ({@link RequestedSessions}), event types ({@code type}, repeatable
 * or comma-separated) and where to resume ({@code Last-Event-ID}).
 */
record StreamRequest(Set<String> namespaces, Set<String> sessions, Set<String> types, OptionalLong resumeAfter) {

    static StreamRequest of(List<String> namespaces, List<String> sessions, List<String> types,
                            String lastEventIdHeader, String lastEventIdParam, String defaultNamespace) {
        String lastEventId = Optional.ofNullable(lastEventIdHeader).filter(v -> !v.isBlank()).orElse(lastEventIdParam);
        return new StreamRequest(RequestedSessions.namespaces(namespaces),
                RequestedSessions.sessions(sessions, defaultNamespace), RequestedSessions.values(types),
                resumeAfter(lastEventId));
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
