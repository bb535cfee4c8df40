package io.kubezap.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** session.events.sinks reaches the operator, which adds those sinks to every session pod. */
class InstallationSinksValuesTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void theChartsSinksReachTheOperatorInTheShapeOfSpecEventsSinks() throws Exception {
        Map<String, String> env = chart.render(chart.file("ci/event-sinks-values.yaml")).operatorEnv();

        JsonNode sinks = new ObjectMapper().readTree(env.get("KUBEZAP_SESSION_EVENT_SINKS"));
        assertThat(sinks).hasSize(1);
        assertThat(sinks.get(0).path("name").asText()).isEqualTo("platform-audit");
        assertThat(sinks.get(0).path("kind").asText()).isEqualTo("Kafka");
        assertThat(sinks.get(0).path("events")).extracting(JsonNode::asText).containsExactly("message.received", "message.sent");
        assertThat(sinks.get(0).path("passwordRef").path("name").asText()).isEqualTo("platform-broker");
    }

    @Test
    void byDefaultNone() {
        assertThat(chart.render().operatorEnv()).doesNotContainKey("KUBEZAP_SESSION_EVENT_SINKS");
    }

    @Test
    void credentialsInTheAddressOrAnUnknownKindAreRefusedByTheValuesSchema() {
        assertThatThrownBy(() -> chart.render(Map.<String, Object>of("session.events.sinks[0].name", "a", "session.events.sinks[0].kind", "NATS",
                "session.events.sinks[0].address", "nats://user:pw@nats:4222", "session.events.sinks[0].destination", "x")))
                .hasMessageContaining("address");
        assertThatThrownBy(() -> chart.render(Map.<String, Object>of("session.events.sinks[0].name", "a", "session.events.sinks[0].kind", "SQS",
                "session.events.sinks[0].address", "sqs", "session.events.sinks[0].destination", "x")))
                .hasMessageContaining("kind");
    }
}
