package io.kubezap.operator.model;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each session's last {@link PodTemplateHash}, reused while nothing the template is rendered from changed: the session
 * (its uid and generation: the spec) and the digests of the Secrets its pod reads; the operator's own settings do
 * not change while it runs. Every reconcile renders the StatefulSet, and its hash (the template serialised to JSON)
 * was the costliest part of that.
 */
@ApplicationScoped
public class PodTemplateHashes {

    private record Rendered(String uid, long generation, PodInputs inputs, String hash) {
    }

    private final Map<SessionKey, Rendered> last = new ConcurrentHashMap<>();

    /** The hash of {@code template}, rendered for {@code session} from {@code inputs}. */
    public String of(WhatsAppSession session, PodInputs inputs, PodTemplateSpec template) {
        Long generation = session.getMetadata().getGeneration();
        if (generation == null) {
            return PodTemplateHash.of(template);
        }
        SessionKey id = SessionKey.of(session);
        Rendered known = last.get(id);
        if (known != null && known.generation() == generation && known.inputs().equals(inputs)
                && Objects.equals(known.uid(), session.getMetadata().getUid())) {
            return known.hash();
        }
        String hash = PodTemplateHash.of(template);
        last.put(id, new Rendered(session.getMetadata().getUid(), generation, inputs, hash));
        return hash;
    }

    public void forget(SessionKey session) {
        last.remove(session);
    }
}
