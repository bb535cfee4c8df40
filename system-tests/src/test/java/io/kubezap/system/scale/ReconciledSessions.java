package io.kubezap.system.scale;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.ListPages;
import io.kubezap.contract.SessionObjectNames;

import java.util.function.Predicate;

/**
 * Which sessions of a namespace the operator has reconciled as far as a real API server without nodes lets it: a
 * status written (a phase and the name of the session's API key Secret), followed by a watch; and, counted once by
 * paged lists, the StatefulSets, Secrets and the sessions' Service it made. No pod ever runs: no session connects.
 */
public final class ReconciledSessions implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final SharedIndexInformer<WhatsAppSession> informer;

    public ReconciledSessions(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.informer = client.resources(WhatsAppSession.class).inNamespace(namespace).withLimit(ListPages.SIZE).inform();
    }

    /** Sessions whose status the operator has written. */
    public long withStatus() {
        return informer.getStore().list().stream().filter(ReconciledSessions::statusWritten).count();
    }

    public static boolean statusWritten(WhatsAppSession session) {
        return session.getStatus() != null && session.getStatus().getPhase() != null
                && session.getStatus().getApiKeySecret() != null;
    }

    /**
     * Whether {@code sessions} sessions have their status, a StatefulSet each, at least two Secrets each (API key and
     * database) and the namespace's sessions Service exists.
     */
    public boolean everyObjectMade(int sessions) {
        return withStatus() >= sessions
                && count(client.apps().statefulSets(), s -> true) >= sessions
                && count(client.secrets(), s -> true) >= 2L * sessions
                && client.services().inNamespace(namespace).withName(SessionObjectNames.SESSIONS_SERVICE).get() != null;
    }

    /** The objects of a kind in the namespace that match, listed in pages as the operator lists them. */
    public <T extends HasMetadata, L extends KubernetesResourceList<T>> long count(MixedOperation<T, L, ?> kind, Predicate<T> matching) {
        long count = 0;
        String next = null;
        do {
            L page = kind.inNamespace(namespace).list(new ListOptionsBuilder().withLimit(ListPages.SIZE).withContinue(next).build());
            count += page.getItems().stream().filter(matching).count();
            next = page.getMetadata().getContinue();
        } while (next != null && !next.isEmpty());
        return count;
    }

    @Override
    public void close() {
        informer.close();
    }
}
