package io.kubezap.kubectl;

import io.kubezap.api.v1alpha1.SessionPhase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** kubectl zap logs (the pod's log from the API server) and events (the session's own, then live). */
class LogsAndEventsTest extends MockClusterTest {

    @BeforeEach
    void session() {
        cluster.session("shop", "loja-01", SessionPhase.Reconnecting, "5511999999999", false);
    }

    @Test
    void logsOfTheSessionsPodEvenWhenItIsNotReady() {
        server.expect().get().withPath("/api/v1/namespaces/shop/pods/loja-01-0/log?pretty=false&tailLines=2")
                .andReturn(200, "connecting\nstream closed\n").once();

        ZapRunner.Result result = zap.run("logs", "loja-01", "-n", "shop", "--tail", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("connecting\nstream closed\n");
    }

    @Test
    void logsFollowedUntilThePodsLogEnds() {
        server.expect().get().withPath("/api/v1/namespaces/shop/pods/loja-01-0/log?pretty=false&follow=true")
                .andReturn(200, "connecting\nconnected\n").once();

        ZapRunner.Result result = zap.run("logs", "loja-01", "-n", "shop", "-f");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("connecting\nconnected\n");
    }

    @Test
    void eventsOldestFirstThenTheLiveStreamFromTheNewestShown() {
        cluster.pods("shop", "loja-01", true);
        pod.events = List.of(event(3, "message.received", "olá"), event(2, "session.connected", null));
        pod.liveEvents = List.of(event(4, "message.status", "read"));

        ZapRunner.Result result = zap.run("events", "loja-01", "-n", "shop", "-f", "--limit", "2");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines()).containsExactly(
                "2026-11-24T09:00:02Z  session.connected  {}",
                "2026-11-24T09:00:03Z  message.received  {\"text\":\"olá\"}",
                "2026-11-24T09:00:04Z  message.status  {\"text\":\"read\"}");
        assertThat(pod.requests).containsExactly("GET /api/v1/sessions/loja-01/events?limit=2",
                "GET /api/v1/sessions/loja-01/events/stream?lastEventId=3");
    }

    private static Map<String, Object> event(long id, String type, String text) {
        return Map.of("id", id, "type", type, "occurredAt", "2026-11-24T09:00:0" + id + "Z",
                "payload", text == null ? Map.of() : Map.of("text", text));
    }
}
