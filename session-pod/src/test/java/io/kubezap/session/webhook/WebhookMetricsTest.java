package io.kubezap.session.webhook;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookMetricsTest {

    @Test
    void anEndpointIsNamedWithoutItsPathOrQueryWhichMayHoldAToken() {
        String slack = WebhookMetrics.endpointName(URI.create("https://hooks.slack.com/services/T0001/B0002/XXXXSECRETXXXX"));
        String discord = WebhookMetrics.endpointName(URI.create("https://discord.com/api/webhooks/123/DISCORD-SECRET?wait=true"));

        assertThat(slack).startsWith("https://hooks.slack.com #").doesNotContain("SECRET").doesNotContain("T0001");
        assertThat(discord).startsWith("https://discord.com #").doesNotContain("SECRET").doesNotContain("wait");
        assertThat(WebhookMetrics.endpointName(URI.create("http://receiver.shop.svc:8080/a")))
                .as("two endpoints on one host stay apart")
                .isNotEqualTo(WebhookMetrics.endpointName(URI.create("http://receiver.shop.svc:8080/b")))
                .startsWith("http://receiver.shop.svc:8080 #");
    }
}
