package io.kubezap.gateway.auth;

import io.kubezap.contract.QueryValues;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The sessions a request names for streams and stats: {@code session} ({@code name} in the default namespace or
 * {@code namespace/name}) and {@code namespace}, each repeatable or comma-separated; together they add up.
 */
public final class RequestedSessions {

    private RequestedSessions() {
    }

    public static Set<String> namespaces(List<String> namespaces) {
        return values(namespaces);
    }

    /** Each as {@code namespace/name}. */
    public static Set<String> sessions(List<String> sessions, String defaultNamespace) {
        return values(sessions).stream()
                .map(session -> session.contains("/") ? session : defaultNamespace + "/" + session)
                .collect(Collectors.toUnmodifiableSet());
    }

    public static Set<String> values(List<String> repeated) {
        return QueryValues.set(repeated);
    }
}
