package io.kubezap.session.sink;

import io.kubezap.contract.EventSinkFile;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.testing.PodProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Issue 79 S6, performed on Kafka: the bootstrap server is an address the cluster admin allows, and the broker then
 * names another (its advertised listener, 127.0.0.3, which the admin did not allow). The producer connects to whatever
 * the broker names, for records, metadata and the idempotent producer's id: none of these may reach a refused address.
 */
class KafkaAdvertisedListenersTest {

    @TempDir
    Path workDir;

    @Test
    void aBrokerThatNamesAnAddressTheAdminDidNotAllowGetsNoRecordAndTheSinkSaysWhy() throws Exception {
        try (var advertised = new CountingListener("127.0.0.3", 0)) {
            int port = PodProcess.freePort();
            try (var kafka = LocalBrokers.kafka(workDir, port, "127.0.0.3:" + advertised.port())) {
                kafka.start();
                var targets = new SinkTargets(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1/32"), AddressList.NONE);
                var sink = new BrokerSink("orders", EventSinkFile.Kind.Kafka, "127.0.0.1:" + port, "orders", Set.of(),
                        Optional.empty(), Optional.empty());
                assertThat(targets.refusal(sink)).as("the bootstrap server is allowed").isNull();

                var publisher = new KafkaPublisher(sink, Duration.ofSeconds(10), targets);
                Throwable failure;
                try {
                    failure = catchThrowable(() -> publisher.publish(List.of(new SinkPublisher.SinkMessage("1",
                            "io.kubezap.message.received", "shop/loja", "chat", "{}".getBytes(StandardCharsets.UTF_8)))));
                } finally {
                    publisher.close();
                }

                assertThat(failure).as("not sent, saying why").isNotNull().hasMessageContaining("not sent")
                        .hasMessageContaining("127.0.0.3").hasMessageContaining("private, loopback or link-local");
                assertThat(advertised.connections()).as("connections to the refused advertised listener").isZero();
            }
        }
    }

    @Test
    void aBrokerAtAnAllowedAddressGetsTheRecord() throws Exception {
        int port = PodProcess.freePort();
        try (var kafka = LocalBrokers.kafka(workDir, port, null)) {
            kafka.start();
            var targets = new SinkTargets(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1/32"), AddressList.NONE);
            var sink = new BrokerSink("orders", EventSinkFile.Kind.Kafka, "localhost:" + port, "orders", Set.of(),
                    Optional.empty(), Optional.empty());

            var publisher = new KafkaPublisher(sink, Duration.ofSeconds(30), targets);
            try {
                publisher.publish(List.of(new SinkPublisher.SinkMessage("1", "io.kubezap.message.received", "shop/loja", "chat",
                        "{}".getBytes(StandardCharsets.UTF_8))));
            } finally {
                publisher.close();
            }

            assertThat(keysIn("orders", port)).containsExactly("shop/loja");
        }
    }

    private static List<String> keysIn(String topic, int port) {
        var settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            var partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> keys = new ArrayList<>();
            while (keys.isEmpty()) {
                consumer.poll(Duration.ofSeconds(1)).forEach(record -> keys.add(record.key()));
            }
            return keys;
        }
    }
}
