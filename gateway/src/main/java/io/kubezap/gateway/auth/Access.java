package io.kubezap.gateway.auth;

import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.enterprise.context.RequestScoped;

import java.util.List;
import java.util.function.Predicate;

/** The caller of the current request and what it may do; set by {@link AuthenticationFilter}. */
@RequestScoped
public class Access {

    private final KubernetesReviews reviews;
    private final SessionConfirmations confirmations;
    private final String defaultNamespace;
    private Permissions permissions;
    private Caller caller;
    private String client;

    Access(KubernetesReviews reviews, SessionConfirmations confirmations, GatewayConfig config) {
        this.reviews = reviews;
        this.confirmations = confirmations;
        this.defaultNamespace = config.defaultNamespace();
        this.permissions = new Permissions(null, reviews);
    }

    void authenticated(Caller who, String from) {
        this.permissions = new Permissions(who, reviews);
        this.caller = who;
        this.client = from;
    }

    /** As {@link #require}, with an audit line ({@link SessionAudit}) when refused. */
    public void requireAudited(SessionAudit.Action action, Operation operation, String namespace, String name) {
        try {
            require(operation, namespace, name);
        } catch (GatewayException refused) {
            audit(action, namespace, name, "refused " + refused.problem().status());
            throw refused;
        }
    }

    /**
     * As {@link #requireAudited}, and for a browser's call ({@code fetchSite} set) a fresh confirmation of this action
     * on this session ({@link SessionConfirmations}), audited when missing.
     */
    public void requireConfirmed(SessionAudit.Action action, Operation operation, String namespace, String name,
                                 String fetchSite, String confirmation) {
        requireAudited(action, operation, namespace, name);
        try {
            confirmations.requireFromBrowser(fetchSite, confirmation, caller, action, namespace, name);
        } catch (GatewayException refused) {
            audit(action, namespace, name, "refused " + refused.problem().status() + " unconfirmed");
            throw refused;
        }
    }

    /** A confirmation for the current caller of {@code action} on a session it may do that to. */
    public SessionConfirmations.ActionConfirmation confirm(SessionAudit.Action action, Operation operation, String namespace, String name) {
        require(operation, namespace, name);
        return confirmations.issue(caller, action, namespace, name);
    }

    /** An audit line about what the current caller did to a session. */
    public void audit(SessionAudit.Action action, String namespace, String name, String outcome) {
        SessionAudit.record(action, caller, client, namespace, name, outcome);
    }

    /** 403 unless the caller may do {@code operation} to session {@code name} (null: any) in {@code namespace}. */
    public void require(Operation operation, String namespace, String name) {
        permissions.require(operation, namespace, name);
    }

    /** The sessions a list may show: those the caller may read. */
    public Predicate<WhatsAppSession> visible() {
        return session -> may(Operation.LIST, session.getMetadata().getNamespace(), null)
                || may(Operation.READ, session.getMetadata().getNamespace(), session.getMetadata().getName());
    }

    public boolean may(Operation operation, String namespace, String name) {
        return permissions.may(operation, namespace, name);
    }

    /**
     * The verbs of {@code operations} the caller may use on session {@code name} (null: on every session) in
     * {@code namespace}, answered as the calls themselves are authorised, as {@code kubectl auth can-i} would.
     */
    public List<String> allowed(List<Operation> operations, String namespace, String name) {
        return operations.stream().filter(operation -> may(operation, namespace, name)).map(Operation::verb).toList();
    }

    /** The {@code namespace} and {@code session} parameters ({@link RequestedSessions}), checked: see {@link Permissions#reach}. */
    public SessionSet reach(List<String> namespaces, List<String> sessions) {
        return permissions.reach(RequestedSessions.namespaces(namespaces),
                RequestedSessions.sessions(sessions, defaultNamespace), defaultNamespace);
    }
}
