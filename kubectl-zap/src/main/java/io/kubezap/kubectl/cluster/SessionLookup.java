package io.kubezap.kubectl.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.contract.SessionObjectNames;
import io.kubezap.kubectl.failure.CliFailure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Finds a session's resource, its API key and its pod with the user's credentials. */
public class SessionLookup {

    private final KubernetesClient client;

    public SessionLookup(KubernetesClient client) {
        this.client = client;
    }

    public WhatsAppSession session(String namespace, String name) {
        WhatsAppSession session = client.resources(WhatsAppSession.class).inNamespace(namespace).withName(name).get();
        if (session == null) {
            throw new CliFailure("session " + name + " not found in namespace " + namespace);
        }
        return session;
    }

    /** The sessions of one namespace, or of all when {@code namespace} is null; by namespace, then name. */
    public List<WhatsAppSession> sessions(String namespace) {
        var resources = client.resources(WhatsAppSession.class);
        List<WhatsAppSession> found = namespace == null ? resources.inAnyNamespace().list().getItems()
                : resources.inNamespace(namespace).list().getItems();
        return found.stream()
                .sorted(Comparator.comparing((WhatsAppSession s) -> s.getMetadata().getNamespace())
                        .thenComparing(s -> s.getMetadata().getName()))
                .toList();
    }

    /** The session pod's API key, from the Secret the operator made for it. */
    public String apiKey(WhatsAppSession session) {
        String namespace = session.getMetadata().getNamespace();
        String name = session.getMetadata().getName();
        String secretName = session.getStatus() != null && session.getStatus().getApiKeySecret() != null
                ? session.getStatus().getApiKeySecret() : SessionObjectNames.apiKeySecretName(name);
        Secret secret = client.secrets().inNamespace(namespace).withName(secretName).get();
        Map<String, String> data = secret == null || secret.getData() == null ? Map.of() : secret.getData();
        String encoded = data.get(SessionObjectNames.API_KEY_SECRET_KEY);
        if (encoded == null) {
            throw new CliFailure("session " + name + " has no API key: Secret " + namespace + "/" + secretName
                    + (secret == null ? " not found" : " has no key " + SessionObjectNames.API_KEY_SECRET_KEY)
                    + " (the operator creates it; is the operator running?)");
        }
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim();
    }

    /** The session's pod if it is ready to answer. */
    public Pod readyPod(WhatsAppSession session) {
        return pods(session).stream().filter(SessionLookup::ready).findFirst()
                .orElseThrow(() -> new CliFailure("session " + session.getMetadata().getName() + " has no ready pod"
                        + phaseNote(session) + "; see kubectl zap logs " + session.getMetadata().getName()));
    }

    /** The session's pod, ready or not (its logs matter most when it is not). */
    public Pod anyPod(WhatsAppSession session) {
        return pods(session).stream().min(Comparator.comparing(SessionLookup::ready).reversed())
                .orElseThrow(() -> new CliFailure("session " + session.getMetadata().getName() + " has no pod"
                        + phaseNote(session)));
    }

    /** The session's pod, {@code <name>-0}, by name: its StatefulSet names it so, whichever Service governs it. */
    private List<Pod> pods(WhatsAppSession session) {
        Pod pod = client.pods().inNamespace(session.getMetadata().getNamespace())
                .withName(SessionObjectNames.podName(session.getMetadata().getName())).get();
        return pod == null ? List.of() : List.of(pod);
    }

    private static boolean ready(Pod pod) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String phaseNote(WhatsAppSession session) {
        return session.getStatus() == null || session.getStatus().getPhase() == null ? ""
                : " (phase " + session.getStatus().getPhase() + ")";
    }
}
