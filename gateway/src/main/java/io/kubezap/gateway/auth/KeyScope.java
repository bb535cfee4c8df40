package io.kubezap.gateway.auth;

import java.util.Set;

/**
 * What a gateway API key may reach: every session, the sessions of some namespaces, or named sessions
 * ({@code namespace/name}); with a {@link KeyRole}: send (read and send), manage (also logout, restart, pairing) or
 * admin (also create, edit and delete).
 */
public record KeyScope(String keyName, KeyRole role, Set<String> namespaces, Set<String> sessions) {

    public boolean covers(String namespace, String name) {
        if (namespaces.isEmpty() && sessions.isEmpty()) {
            return true;
        }
        return namespaces.contains(namespace) || name != null && sessions.contains(namespace + "/" + name);
    }

    /** A namespace-wide operation (a create) needs the whole namespace, not one named session in it. */
    public boolean coversNamespace(String namespace) {
        return namespaces.isEmpty() && sessions.isEmpty() || namespaces.contains(namespace);
    }

    public boolean permits(Operation operation) {
        return role.includes(operation.leastRole());
    }
}
