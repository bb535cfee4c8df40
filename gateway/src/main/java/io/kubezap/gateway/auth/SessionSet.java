package io.kubezap.gateway.auth;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Set;

/**
 * Which sessions a stream or a figure covers: every session in {@code namespaces}, and the named
 * {@code sessions} ({@code namespace/name}); both empty means every session.
 */
public record SessionSet(Set<String> namespaces, Set<String> sessions) {

    public SessionSet {
        namespaces = Set.copyOf(namespaces);
        sessions = Set.copyOf(sessions);
    }

    public static SessionSet everySession() {
        return new SessionSet(Set.of(), Set.of());
    }

    @JsonIgnore
    public boolean isEverySession() {
        return namespaces.isEmpty() && sessions.isEmpty();
    }

    public boolean contains(String namespace, String name) {
        return isEverySession() || namespaces.contains(namespace) || sessions.contains(namespace + "/" + name);
    }
}
