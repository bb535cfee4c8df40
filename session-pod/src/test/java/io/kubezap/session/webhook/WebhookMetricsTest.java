package io.kubezap.session.webhook;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookMetricsTest {

    @Test
    void anEndpointIsNamedWithoutItsQueryWhichMayHoldAToken() {
        assertThat(WebhookMetrics.endpointName(URI.create("https://hooks.example.com:8443/kubezap/in?token=s3cr3t")))
                .isEqualTo("https://hooks.example.com:8443/kubezap/in");
        assertThat(WebhookMetrics.endpointName(URI.create("http://receiver.shop.svc/"))).isEqualTo("http://receiver.shop.svc/");
    }
}
