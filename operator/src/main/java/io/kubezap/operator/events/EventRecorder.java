package io.kubezap.operator.events;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Records Kubernetes Events (core/v1) on a WhatsAppSession; a failure to record never fails a reconcile. */
@ApplicationScoped
public class EventRecorder {

    public static final String COMPONENT = "kubezap-operator";
    private static final Logger LOG = Logger.getLogger(EventRecorder.class);

    private final KubernetesClient client;

    public EventRecorder(KubernetesClient client) {
        this.client = client;
    }

    public void record(WhatsAppSession session, SessionEvent event) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        var metadata = session.getMetadata();
        try {
            client.v1().events().inNamespace(metadata.getNamespace()).resource(new EventBuilder()
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
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s/%s: %s", event.reason(), metadata.getNamespace(),
                    metadata.getName(), e.getMessage());
        }
    }
}
