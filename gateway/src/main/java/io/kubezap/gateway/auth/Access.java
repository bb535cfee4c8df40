package io.kubezap.gateway.auth;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.enterprise.context.RequestScoped;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The caller of the current request and what it may do; set by {@link AuthenticationFilter}. */
@RequestScoped
public class Access {

    private final KubernetesReviews reviews;
    private final Map<String, Boolean> answered = new HashMap<>();
    private Caller caller;

    Access(KubernetesReviews reviews) {
        this.reviews = reviews;
    }

    void authenticated(Caller who) {
        this.caller = who;
    }

    /** 403 unless the caller may do {@code operation} to session {@code name} (null: any) in {@code namespace}. */
    public void require(Operation operation, String namespace, String name) {
        if (!may(operation, namespace, name)) {
            throw new GatewayException(403, "forbidden", "Forbidden", "Not allowed to " + operation.verb()
                    + (name == null ? " sessions" : " session " + name) + " in namespace " + namespace);
        }
    }

    /** The sessions a list may show: those the caller may read. */
    public Predicate<WhatsAppSession> visible() {
        return session -> may(Operation.LIST, session.getMetadata().getNamespace(), null)
                || may(Operation.READ, session.getMetadata().getNamespace(), session.getMetadata().getName());
    }

    public boolean may(Operation operation, String namespace, String name) {
        return switch (caller) {
            case Caller.KeyHolder key -> key.scope().permits(operation) && (name == null
                    ? key.scope().coversNamespace(namespace) : key.scope().covers(namespace, name));
            case Caller.KubernetesUser user -> answered.computeIfAbsent(operation.verb() + "/" + namespace + "/" + name,
                    k -> reviews.allowed(user, operation.verb(), namespace, name));
            case null -> false;
        };
    }
}
