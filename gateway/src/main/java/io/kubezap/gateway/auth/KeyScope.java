package io.kubezap.gateway.auth;

import io.kubezap.gateway.problem.GatewayException;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a gateway API key may reach: every session ({@code namespaces: "*"}, said explicitly), the sessions of some
 * namespaces, or named sessions ({@code namespace/name}); with a {@link KeyRole}: send (read and send), manage (also
 * logout, restart, pairing) or admin (also create, edit and delete). Fails closed: a scope that names nothing (empty,
 * blank or misspelled entries) reaches nothing. {@code chats}, when the key's Secret has that value at all, limits the
 * key further to those chats of its sessions ({@link ChatAddress} forms; {@code ChatGuard} says which calls can be
 * judged by chat): an empty value limits it to none, it does not lift the limit (issue 79 S9).
 */
public record KeyScope(String keyName, KeyRole role, boolean everySession, Set<String> namespaces, Set<String> sessions,
                       Set<String> chats, boolean limitsChats) {

    public KeyScope {
        chats = chats.stream().map(ChatAddress::of).collect(Collectors.toUnmodifiableSet());
    }

    /** The value of {@code namespaces} that means every session. */
    public static final String EVERY_NAMESPACE = "*";

    public boolean covers(String namespace, String name) {
        return everySession || namespaces.contains(namespace) || name != null && sessions.contains(namespace + "/" + name);
    }

    /** A namespace-wide operation (a create) needs the whole namespace, not one named session in it. */
    public boolean coversNamespace(String namespace) {
        return everySession || namespaces.contains(namespace);
    }

    /** Whether the key may act on chat {@code address} (a JID or a phone number); every chat when it limits none. */
    public boolean allowsChat(String address) {
        return !limitsChats || address != null && chats.contains(ChatAddress.of(address));
    }

    public boolean permits(Operation operation) {
        return role.includes(operation.leastRole());
    }

    /** The sessions of the key's scope as a stream or figures read them; 403 for a key that reaches none. */
    SessionSet reach() {
        if (everySession) {
            return SessionSet.everySession();
        }
        if (namespaces.isEmpty() && sessions.isEmpty()) {
            throw new GatewayException(403, "forbidden", "Forbidden", "gateway key " + keyName
                    + " names no namespace or session (namespaces: \"" + EVERY_NAMESPACE + "\" for every session)");
        }
        return new SessionSet(namespaces, sessions);
    }
}
