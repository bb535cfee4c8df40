package io.kubezap.helm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** session.defaults.webhooks reaches the operator, which gives them to every session without webhooks of its own. */
class DefaultWebhooksValuesTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void theChartsDefaultWebhooksReachTheOperatorInTheShapeOfSpecWebhooks() throws Exception {
        Map<String, String> env = chart.render(Map.<String, Object>of(
                "session.defaults.webhooks[0].url", "https://platform.example.com/whatsapp",
                "session.defaults.webhooks[0].events[0]", "message.received")).operatorEnv();

        JsonNode webhooks = new ObjectMapper().readTree(env.get("KUBEZAP_SESSION_DEFAULT_WEBHOOKS"));
        assertThat(webhooks).hasSize(1);
        assertThat(webhooks.get(0).path("url").asText()).isEqualTo("https://platform.example.com/whatsapp");
        assertThat(webhooks.get(0).path("events").get(0).asText()).isEqualTo("message.received");
    }

    @Test
    void byDefaultNone() {
        assertThat(chart.render().operatorEnv()).doesNotContainKey("KUBEZAP_SESSION_DEFAULT_WEBHOOKS");
    }

    @Test
    void aWebhookWithoutAnHttpUrlIsRefusedByTheValuesSchema() {
        assertThatThrownBy(() -> chart.render(Map.<String, Object>of("session.defaults.webhooks[0].url", "ftp://x.example.com")))
                .hasMessageContaining("url");
    }
}
