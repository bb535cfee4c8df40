package io.kubezap.gateway.events;

import io.kubezap.contract.filter.EventFilter;
import io.kubezap.contract.stream.StreamQuery;
import io.kubezap.gateway.auth.RequestedSessions;
import io.kubezap.gateway.problem.GatewayException;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * What a client asks of a stream: the sessions ({@link RequestedSessions}) and, as of a session pod's own stream, where
 * to resume, the types and the filter ({@link StreamQuery}); a bad one is a 400 naming the parameter.
 */
record StreamRequest(Set<String> namespaces, Set<String> sessions, StreamQuery query) {

    /** {@code parameter}: every value of a query parameter. */
    static StreamRequest of(String lastEventIdHeader, Function<String, List<String>> parameter, String defaultNamespace) {
        try {
            return new StreamRequest(RequestedSessions.namespaces(parameter.apply("namespace")),
                    RequestedSessions.sessions(parameter.apply("session"), defaultNamespace),
                    StreamQuery.of(lastEventIdHeader, parameter));
        } catch (EventFilter.Invalid e) {
            throw GatewayException.invalid(e.field(), e.problem());
        }
    }
}
