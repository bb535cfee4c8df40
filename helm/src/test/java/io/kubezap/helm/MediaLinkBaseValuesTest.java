package io.kubezap.helm;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** gateway.publicUrl reaches the operator, which makes each session's media links below it (spec.events.payload). */
class MediaLinkBaseValuesTest {

    private final KubezapChart chart = KubezapChart.inModule();

    @Test
    void theGatewaysPublicAddressReachesTheOperator() {
        Map<String, String> env = chart.render(Map.<String, Object>of("gateway.publicUrl", "https://zap.example.com")).operatorEnv();

        assertThat(env).containsEntry("KUBEZAP_SESSION_MEDIA_URL_BASE", "https://zap.example.com");
    }

    @Test
    void withoutOneOrWithoutAGatewayNone() {
        assertThat(chart.render().operatorEnv()).doesNotContainKey("KUBEZAP_SESSION_MEDIA_URL_BASE");
        assertThat(chart.render(Map.<String, Object>of("gateway.publicUrl", "https://zap.example.com", "gateway.enabled", false))
                .operatorEnv()).doesNotContainKey("KUBEZAP_SESSION_MEDIA_URL_BASE");
    }

    @Test
    void anAddressWithCredentialsOrAQueryIsRefusedByTheValuesSchema() {
        assertThatThrownBy(() -> chart.render(Map.<String, Object>of("gateway.publicUrl", "https://user:pw@zap.example.com")))
                .hasMessageContaining("publicUrl");
        assertThatThrownBy(() -> chart.render(Map.<String, Object>of("gateway.publicUrl", "zap.example.com")))
                .hasMessageContaining("publicUrl");
    }
}
