package io.kubezap.session.sink;

import io.kubezap.contract.EventSinkFile;
import io.kubezap.session.egress.AddressList;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SinkTargetsTest {

    private final SinkTargets targets = new SinkTargets(
            AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.0/8,10.0.0.0/8"),
            AddressList.of("KUBEZAP_WEBHOOK_DENY_LIST", "10.96.0.0/12,kubernetes.default.svc"));

    @Test
    void everyHostOfAnAddressIsChecked() {
        assertThat(SinkTargets.hosts("kafka-0.kafka:9092, kafka-1.kafka:9092")).containsExactly("kafka-0.kafka", "kafka-1.kafka");
        assertThat(SinkTargets.hosts("nats://a:4222,tls://b:4222")).containsExactly("a", "b");
        assertThat(SinkTargets.hosts("amqp://rabbitmq.shop:5672/orders")).containsExactly("rabbitmq.shop");
        assertThat(SinkTargets.hosts("[::1]:9092")).containsExactly("::1");
    }

    @Test
    void cloudMetadataAndWhatTheAdminDeniesAreRefusedEvenAsTheSecondBroker() {
        assertThat(targets.refusal(sink("127.0.0.1:9092,169.254.169.254:9092"))).contains("link-local");
        assertThat(targets.refusal(sink("nats://10.96.0.1:4222"))).contains("KUBEZAP_WEBHOOK_DENY_LIST");
        assertThat(targets.refusal(sink("amqp://KUBERNETES.default.svc:5672"))).contains("denies");
        assertThat(targets.refusal(sink("127.0.0.1:9092,127.0.0.2:9092"))).as("what the admin allows").isNull();
    }

    @Test
    void aPrivateAddressTheAdminDidNotAllowIsRefused() {
        assertThat(targets.refusal(sink("127.0.0.1:9092,192.168.1.10:9092"))).contains("private");
    }

    private static BrokerSink sink(String address) {
        return new BrokerSink("s", EventSinkFile.Kind.Kafka, address, "t", Set.of(), Optional.empty(), Optional.empty());
    }
}
