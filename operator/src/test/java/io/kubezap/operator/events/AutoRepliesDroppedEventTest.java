package io.kubezap.operator.events;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.kubezap.api.v1alpha1.WhatsAppSession;
import io.kubezap.api.v1alpha1.WhatsAppSessionStatus;
import io.kubezap.contract.Account;
import io.kubezap.contract.PodPhase;
import io.kubezap.contract.SessionState;
import io.kubezap.operator.model.TestSessions;
import io.kubezap.operator.status.Observation;
import io.kubezap.operator.status.StatusAggregator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 79 S5: automatic replies the pod dropped reach the namespace's owner as a Warning Event on the session
 * ({@code kubectl get events}), once per count the pod publishes, not once per poll. Each report goes the way a
 * pod's report goes (aggregated into the status, its transitions recorded as Events) to the mock API server.
 */
@EnableKubernetesMockClient(crud = true)
class AutoRepliesDroppedEventTest {

    private static final Instant NOW = Instant.parse("2026-11-28T14:00:00Z");
    private static final Account ACCOUNT = new Account("5511988880141@s.whatsapp.net", "5511988880141", "Loja");
    private static final SessionState CONNECTED = new SessionState("loja-01", "shop", PodPhase.Connected, null, null, ACCOUNT,
            NOW, 0, null, null, null);

    KubernetesClient client;

    private final WhatsAppSession session = TestSessions.session("loja-01");
    private WhatsAppSessionStatus status;

    @Test
    void droppedRepliesAreOneWarningPerPublishedCountAndNoneForTheSameCountPolledAgain() {
        EventRecorder recorder = new EventRecorder(client);
        report(recorder, CONNECTED, NOW);
        assertThat(droppedEvents()).as("nothing dropped yet").isEmpty();

        SessionState firstDrop = CONNECTED.withAutoRepliesDropped(new SessionState.AutoRepliesDropped(1, "queue-full", NOW));
        report(recorder, firstDrop, NOW.plusSeconds(1));
        report(recorder, firstDrop, NOW.plusSeconds(300));

        assertThat(droppedEvents()).singleElement().satisfies(event -> {
            assertThat(event.getType()).isEqualTo("Warning");
            assertThat(event.getCount()).as("the same count polled again is not news").isEqualTo(1);
            assertThat(event.getMessage()).contains("1 incoming messages left unanswered").contains("queue-full");
        });

        report(recorder, CONNECTED.withAutoRepliesDropped(new SessionState.AutoRepliesDropped(101, "chat-cap", NOW.plusSeconds(2))),
                NOW.plusSeconds(301));

        assertThat(droppedEvents()).as("a new count is a new Event").hasSize(2)
                .anySatisfy(event -> assertThat(event.getMessage()).contains("101 incoming messages").contains("chat-cap"));
    }

    /** A pod's report: the status it makes, and the Events between the status before and after. */
    private void report(EventRecorder recorder, SessionState state, Instant at) {
        WhatsAppSessionStatus next = StatusAggregator.aggregate(status, new Observation(1, "e", "k", false, true, true, state, null), at);
        StatusTransitions.between(status, next).forEach(event -> recorder.record(session, event));
        status = next;
    }

    private List<Event> droppedEvents() {
        return client.v1().events().inNamespace("shop").list().getItems().stream()
                .filter(event -> event.getReason().equals("AutoRepliesDropped")).toList();
    }
}
