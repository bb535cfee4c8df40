package io.kubezap.system.scale;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubezap.api.v1alpha1.SessionPhase;
import io.kubezap.api.v1alpha1.WhatsAppSession;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which sessions show phase Connected, followed by a watch: at thousands of sessions, listing them every second would
 * be most of what the mock API server (one event loop, every list a serialisation of every session) does.
 */
public final class ConnectedSessions implements AutoCloseable {

    private final Set<String> connected = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> leftConnected = new ConcurrentHashMap<>();
    private final SharedIndexInformer<WhatsAppSession> informer;

    public ConnectedSessions(KubernetesClient client, String namespace) {
        informer = client.resources(WhatsAppSession.class).inNamespace(namespace).inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(WhatsAppSession session) {
                follow(session);
            }

            @Override
            public void onUpdate(WhatsAppSession before, WhatsAppSession after) {
                follow(after);
            }

            @Override
            public void onDelete(WhatsAppSession session, boolean unknownFinalState) {
                connected.remove(session.getMetadata().getName());
            }
        });
    }

    private void follow(WhatsAppSession session) {
        if (session.getStatus() != null && session.getStatus().getPhase() == SessionPhase.Connected) {
            connected.add(session.getMetadata().getName());
        } else if (connected.remove(session.getMetadata().getName())) {
            leftConnected.putIfAbsent(session.getMetadata().getName(), System.nanoTime());
        }
    }

    /** When this session's status was first seen leaving Connected ({@link System#nanoTime()}), if it was. */
    public Optional<Long> leftConnectedAt(String session) {
        return Optional.ofNullable(leftConnected.get(session));
    }

    public int count() {
        return connected.size();
    }

    @Override
    public void close() {
        informer.close();
    }
}
