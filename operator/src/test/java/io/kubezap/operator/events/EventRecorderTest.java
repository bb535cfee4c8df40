package io.kubezap.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.operator.model.TestSessions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A failure that repeats on every retry is one Event with a count, as Kubernetes' own recorder does it. */
@EnableKubernetesMockClient(crud = true)
class EventRecorderTest {

    KubernetesClient client;

    @Test
    void theSameWarningRecordedAgainIsCountedOnOneEvent() {
        EventRecorder recorder = new EventRecorder(client);
        WhatsAppSession session = TestSessions.session("loja-01");
        SessionEvent missing = SessionEvent.warning("WebhookSecretMissing", "webhook signing secret not found: hooks/hmac");

        for (int retry = 0; retry < 5; retry++) {
            recorder.record(session, missing);
        }
        recorder.record(session, SessionEvent.warning("DatabaseSecretMissing", "database Secret not found"));

        List<Event> events = events();
        assertThat(events).hasSize(2);
        assertThat(events).filteredOn(e -> e.getReason().equals("WebhookSecretMissing")).singleElement()
                .satisfies(e -> assertThat(e.getCount()).isEqualTo(5));
        assertThat(events).filteredOn(e -> e.getReason().equals("DatabaseSecretMissing")).singleElement()
                .satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
    }

    @Test
    void anEventThatExpiredIsRecordedAnew() {
        EventRecorder recorder = new EventRecorder(client);
        WhatsAppSession session = TestSessions.session("loja-02");
        session.getMetadata().setNamespace("shop-2");
        SessionEvent failed = SessionEvent.warning("SessionFailed", "banned");
        recorder.record(session, failed);
        client.v1().events().inNamespace("shop-2").delete();

        recorder.record(session, failed);

        assertThat(client.v1().events().inNamespace("shop-2").list().getItems()).singleElement().satisfies(e -> assertThat(e.getCount()).isEqualTo(1));
    }

    private List<Event> events() {
        return client.v1().events().inNamespace("shop").list().getItems();
    }
}
