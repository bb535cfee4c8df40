package io.kubezap.gateway.auth;

import io.kubezap.gateway.problem.GatewayException;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What one caller may do: a gateway key's scope, or the API server's SubjectAccessReview answers for a
 * ServiceAccount (asked once per question). A stream token opens its stream and nothing else.
 */
public final class Permissions {

    private final Caller caller;
    private final KubernetesReviews reviews;
    private final Map<String, Boolean> answered = new HashMap<>();

    public Permissions(Caller caller, KubernetesReviews reviews) {
        this.caller = caller;
        this.reviews = reviews;
    }

    public boolean may(Operation operation, String namespace, String name) {
        return switch (caller) {
            case Caller.KeyHolder key -> key.scope().permits(operation) && (name == null
                    ? key.scope().coversNamespace(namespace) : key.scope().covers(namespace, name));
            case Caller.KubernetesUser user -> answered.computeIfAbsent(operation.verb() + "/" + namespace + "/" + name,
                    k -> reviews.allowed(user, operation.verb(), namespace, name));
            case Caller.StreamTokenHolder token -> false;
            case null -> false;
        };
    }

    /** 403 unless the caller may do {@code operation} to session {@code name} (null: any) in {@code namespace}. */
    public void require(Operation operation, String namespace, String name) {
        if (!may(operation, namespace, name)) {
            throw new GatewayException(403, "forbidden", "Forbidden", "Not allowed to " + operation.verb()
                    + (name == null ? " sessions" : " session " + name) + " in namespace " + namespace);
        }
    }

    /**
     * The sessions whose events and figures the caller asked for ({@code namespaces}, {@code sessions} as
     * namespace/name), each checked for {@link Operation#READ_MESSAGES} (403 when one is not readable); asking for none means everything the caller
     * may read: a key's whole scope, a ServiceAccount's own namespace, another Kubernetes user's default namespace. A key
     * limited to chats gets none (403): a stream or a figure covers every chat.
     */
    public SessionSet reach(Set<String> namespaces, Set<String> sessions, String defaultNamespace) {
        if (caller instanceof Caller.KeyHolder key && key.scope().limitsChats()) {
            throw new GatewayException(403, "chat-not-allowed", "Chat not allowed", "Gateway key "
                    + key.scope().keyName() + " is limited to chats " + key.scope().chats()
                    + ": event streams and figures cover every chat of a session");
        }
        if (namespaces.isEmpty() && sessions.isEmpty()) {
            return switch (caller) {
                case Caller.KeyHolder key -> key.scope().reach();
                case Caller.StreamTokenHolder token -> token.reach();
                case Caller.KubernetesUser user -> reach(Set.of(user.serviceAccountNamespace().orElse(defaultNamespace)),
                        sessions, defaultNamespace);
                case null -> throw new GatewayException(401, "unauthorized", "Unauthorized", "no caller");
            };
        }
        if (caller instanceof Caller.StreamTokenHolder token) {
            throw new GatewayException(400, "token-names-its-stream", "The token names its stream",
                    "a stream token opens the sessions it was issued for; ask for another token to watch others");
        }
        namespaces.forEach(namespace -> require(Operation.READ_MESSAGES, namespace, null));
        sessions.forEach(session -> {
            int slash = session.indexOf('/');
            require(Operation.READ_MESSAGES, session.substring(0, slash), session.substring(slash + 1));
        });
        return new SessionSet(namespaces, sessions);
    }
}
