package io.kubezap.gateway.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.fabric8.kubernetes.api.model.Condition;
import io.kubezap.api.v1alpha1.PairingStatus;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionSpec;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.gateway.auth.Access;
import io.kubezap.gateway.auth.Operation;

import java.util.List;
import java.util.Map;

/**
 * A session as the gateway shows it: the fields a session pod serves for {@code GET /api/v1/sessions/{name}} (so
 * clients of a pod read it unchanged), taken from the resource's status, plus the resource's spec, labels and
 * conditions. Not the code that links a phone: like the status, it says only that one waits ({@code pairing}); the
 * code itself is read from the session ({@code …/qr}, {@code …/pairing-code}) by who may {@code manage} it. {@code allowed} (only where one session is answered, not in lists: for a Kubernetes identity each verb of
 * each session would be a SubjectAccessReview) names what the caller may do to it ({@link Access#allowed}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionView(String name, String namespace, SessionPhase phase, String displayName,
                          PairingStatus pairing, Account account, String lastConnectedAt, Integer reconnects,
                          Map<String, String> labels, String createdAt, WhatsAppSessionSpec spec,
                          List<Condition> conditions, List<String> allowed) {

    public static SessionView of(WhatsAppSession session) {
        WhatsAppSessionStatus status = session.getStatus() != null ? session.getStatus() : new WhatsAppSessionStatus();
        var metadata = session.getMetadata();
        return new SessionView(metadata.getName(), metadata.getNamespace(), phase(session),
                session.getSpec().getDisplayName(), status.getPairing(), status.getAccount(),
                status.getLastConnectedAt(), status.getReconnects(), metadata.getLabels(),
                metadata.getCreationTimestamp(), session.getSpec(), status.getConditions(), null);
    }

    /** The session with what the caller may do to it. */
    public static SessionView of(WhatsAppSession session, Access access) {
        SessionView view = of(session);
        return new SessionView(view.name, view.namespace, view.phase, view.displayName, view.pairing,
                view.account, view.lastConnectedAt, view.reconnects, view.labels, view.createdAt, view.spec,
                view.conditions, access.allowed(Operation.ON_A_SESSION, view.namespace, view.name));
    }

    /** A resource the operator has not written a status for yet is Pending, as the operator would say. */
    public static SessionPhase phase(WhatsAppSession session) {
        return session.getStatus() != null && session.getStatus().getPhase() != null
                ? session.getStatus().getPhase() : SessionPhase.Pending;
    }
}
