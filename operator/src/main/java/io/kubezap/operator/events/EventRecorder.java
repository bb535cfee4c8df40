package io.kubezap.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records Kubernetes Events (core/v1) on a WhatsAppSession; a failure to record never fails a reconcile. Like
 * Kubernetes' own recorder, an Event that repeats one already recorded (same session, type, reason and message) is
 * not created again: the existing one gets {@code count + 1} and a new {@code lastTimestamp}, so a session stuck on
 * the same failure shows one Event with its count instead of hundreds a day.
 */
@ApplicationScoped
public class EventRecorder {

    public static final String COMPONENT = "kubezap-operator";
    /** How many distinct Events are remembered for deduplication (least recently recorded forgotten first). */
    static final int REMEMBERED = 4096;
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final Map<Key, Recorded> recorded = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Recorded> eldest) {
            return size() > REMEMBERED;
        }
    };

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    public void record(WhatsAppSession session, SessionEvent event) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        var metadata = session.getMetadata();
        Key key = new Key(metadata.getNamespace(), metadata.getName(), metadata.getUid(), event);
        try {
            Recorded previous;
            synchronized (recorded) {
                previous = recorded.get(key);
            }
            Recorded next = previous != null && increment(metadata.getNamespace(), previous, now)
                    ? new Recorded(previous.name(), previous.count() + 1)
                    : new Recorded(create(session, event, now).getMetadata().getName(), 1);
            synchronized (recorded) {
                recorded.put(key, next);
            }
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", event.reason(), metadata.getNamespace(),
                    metadata.getName(), e.getMessage());
        }
    }

    /** False when the Event is gone (expired after the API server's event TTL, or deleted): record a new one. */
    private boolean increment(String namespace, Recorded previous, String now) {
        try {
            client.v1().events().inNamespace(namespace).withName(previous.name())
                    .patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"count\":" + (previous.count() + 1) + ",\"lastTimestamp\":\"" + now + "\"}");
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    private Event create(WhatsAppSession session, SessionEvent event, String now) {
        var metadata = session.getMetadata();
        return client.v1().events().inNamespace(metadata.getNamespace()).resource(new EventBuilder()
                .withNewMetadata()
                .withGenerateName(metadata.getName() + ".")
                .withNamespace(metadata.getNamespace())
                .endMetadata()
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(session.getApiVersion())
                        .withKind(session.getKind())
                        .withName(metadata.getName())
                        .withNamespace(metadata.getNamespace())
                        .withUid(metadata.getUid())
                        .withResourceVersion(metadata.getResourceVersion())
                        .build())
                .withType(event.warning() ? "Warning" : "Normal")
                .withReason(event.reason())
                .withMessage(event.message())
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .withNewSource().withComponent(COMPONENT).endSource()
                .withReportingComponent(COMPONENT)
                .build()).create();
    }

    private record Key(String namespace, String name, String uid, SessionEvent event) {
    }

    private record Recorded(String name, int count) {
    }
}
