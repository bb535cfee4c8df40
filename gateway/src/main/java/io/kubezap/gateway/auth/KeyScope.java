package io.kubezap.gateway.auth;

import java.util.Set;

/**
 * What a gateway API key may reach: every session, the sessions of some namespaces, or named sessions
 * ({@code namespace/name}); as admin (everything) or send-only (read and send, never create, edit or delete).
 */
public record KeyScope(String keyName, boolean admin, Set<String> namespaces, Set<String> sessions) {

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
        return admin || operation.allowedToSendOnlyKeys();
    }
}
