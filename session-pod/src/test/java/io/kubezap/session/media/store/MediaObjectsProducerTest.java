package io.kubezap.session.media.store;

import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 endpoint is the tenant's to write: it passes the egress rule of webhooks and sinks before the pod uses it. */
class MediaObjectsProducerTest {

    @Test
    void aPrivateOrMetadataEndpointIsRefusedUnlessTheClusterAdminAllowsIt() {
        EgressRule publicOnly = new EgressRule(AddressList.NONE);

        assertThatThrownBy(() -> MediaObjectsProducer.s3(settings("http://169.254.169.254"), publicOnly))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("KUBEZAP_MEDIA_S3_ENDPOINT").hasMessageContaining("private, loopback or link-local");
        assertThatThrownBy(() -> MediaObjectsProducer.s3(settings("http://127.0.0.1:9000"), publicOnly))
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void anAllowedInClusterEndpointOrAwsItselfIsUsed() throws Exception {
        EgressRule allowed = new EgressRule(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", List.of("10.0.0.0/8")),
                AddressList.NONE, "KUBEZAP_WEBHOOK_DENY_LIST", host -> new InetAddress[]{InetAddress.getByName("10.1.2.3")});

        try (S3Objects store = MediaObjectsProducer.s3(settings("http://minio.storage:9000"), allowed)) {
            assertThat(store).isNotNull();
        }
        try (S3Objects aws = MediaObjectsProducer.s3(settings(null), new EgressRule(AddressList.NONE))) {
            assertThat(aws).isNotNull();
        }
    }

    @Test
    void theAdminsDenyListWinsOverTheAllowList() {
        EgressRule denied = new EgressRule(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", List.of("10.0.0.0/8")),
                AddressList.of("KUBEZAP_WEBHOOK_DENY_LIST", List.of("10.96.0.0/12")), "KUBEZAP_WEBHOOK_DENY_LIST",
                host -> new InetAddress[]{InetAddress.getByName("10.96.0.1")});

        assertThatThrownBy(() -> MediaObjectsProducer.s3(settings("http://kubernetes.default.svc"), denied))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("KUBEZAP_WEBHOOK_DENY_LIST");
    }

    private static S3Settings settings(String endpoint) {
        return new S3Settings("media", "", endpoint == null ? null : URI.create(endpoint), "us-east-1", true, "a", "b",
                false, Duration.ofMinutes(5));
    }
}
