package io.kubezap.session.sink;

import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.filter.EventFilter;
import io.kubezap.session.egress.AddressList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 79 S6, performed on the broker clients that can be given an address: the sink's host answers the egress check
 * with the address the cluster admin allows (127.0.0.2) and any later lookup with loopback (127.0.0.1, where
 * "localhost" goes), where another listener waits on the same port. The client must connect only to the address that
 * was checked. The listeners speak no broker protocol: the connection fails after it reached one of them.
 */
class SinkRebindingTest {

    private final List<CountingListener> listeners = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (CountingListener listener : listeners) {
            listener.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = EventSinkFile.Kind.class, names = {"NATS", "RabbitMQ"})
    void aNameThatRebindsToLoopbackAfterTheCheckIsNeverConnectedTo(EventSinkFile.Kind kind) throws Exception {
        var atAllowed = listen("127.0.0.2", 0);
        int port = atAllowed.port();
        var atLoopback = listen("127.0.0.1", port);
        var lookups = new AtomicInteger();
        var targets = new SinkTargets(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.2/32"), AddressList.NONE,
                host -> new InetAddress[]{InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1")});
        var scheme = kind == EventSinkFile.Kind.NATS ? "nats" : "amqp";
        var sink = new BrokerSink("orders", kind, scheme + "://localhost:" + port, "orders", Set.of(),
                Optional.of("tenant"), Optional.of("tenant-secret"));

        var checked = targets.check(sink);
        assertThat(checked.refusal()).isNull();
        assertThatThrownBy(() -> open(sink, checked)).as("the listener speaks no broker protocol").isInstanceOf(Exception.class);

        assertThat(atLoopback.connections()).as("connections to loopback, which the check refused").isZero();
        assertThat(atAllowed.connections()).as("connections to the checked address").isPositive();
        assertThat(lookups).hasValue(1);
    }

    /**
     * Kafka resolves every broker's name itself when it connects (the bootstrap server's too): each lookup it makes
     * must pass the egress check, so a name that answers loopback after the check gets no connection.
     */
    @Test
    void aKafkaBootstrapNameThatRebindsToLoopbackAfterTheCheckIsNeverConnectedTo() throws Exception {
        var atLoopback = listen("127.0.0.1", 0);
        var lookups = new AtomicInteger();
        var targets = new SinkTargets(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.2/32"), AddressList.NONE,
                host -> new InetAddress[]{InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1")});
        var sink = new BrokerSink("orders", EventSinkFile.Kind.Kafka, "localhost:" + atLoopback.port(), "orders", Set.of(),
                Optional.empty(), Optional.empty());
        assertThat(targets.check(sink).refusal()).isNull();

        var publisher = new KafkaPublisher(sink, Duration.ofSeconds(3), targets);
        try {
            assertThatThrownBy(() -> publisher.publish(List.of(new SinkPublisher.SinkMessage("1", "io.kubezap.message.received",
                    "shop/loja", "chat", "{}".getBytes(StandardCharsets.UTF_8))))).as("nothing checked to send to")
                    .isInstanceOf(Exception.class);
        } finally {
            publisher.close();
        }

        assertThat(atLoopback.connections()).as("connections to loopback, which the check refused").isZero();
    }

    /**
     * The AWS SDK of SQS sinks connects by the endpoint's name: the SQS-compatible server waits at the checked address
     * (127.0.0.2), another listener at loopback on the same port.
     */
    @Test
    void anSqsEndpointNameThatRebindsToLoopbackAfterTheCheckIsNeverConnectedTo() throws Exception {
        try (var sqs = new LocalSqs("127.0.0.2")) {
            sqs.start();
            String queue = sqs.createFifoQueue("whatsapp-events.fifo");
            var atLoopback = listen("127.0.0.1", sqs.port());
            var lookups = new AtomicInteger();
            var targets = new SinkTargets(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.2/32"), AddressList.NONE,
                    host -> new InetAddress[]{InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.2" : "127.0.0.1")});
            var sink = new BrokerSink("orders", EventSinkFile.Kind.SQS, "http://localhost:" + sqs.port(), queue, Set.of(),
                    EventFilter.EVERYTHING, Optional.of(LocalSqs.ACCESS_KEY_ID), Optional.of(LocalSqs.SECRET_ACCESS_KEY),
                    new SqsQueue(LocalSqs.REGION, Optional.empty(), Optional.empty()));
            var checked = targets.check(sink);
            assertThat(checked.refusal()).isNull();

            var timeout = Duration.ofSeconds(3);
            try (var publisher = new SqsPublisher(sink, targets.pinnedHttp(LocalSqs.VERTX, sink, checked, timeout), timeout, 5,
                    new SqsRefusals(), () -> { })) {
                publisher.publish(List.of(new SinkPublisher.SinkMessage("1", "io.kubezap.message.received", "shop/loja",
                        "chat", "{}".getBytes(StandardCharsets.UTF_8))));
            }

            assertThat(atLoopback.connections()).as("connections to loopback, which the check refused").isZero();
            assertThat(sqs.drain(queue)).as("the event at the checked address").hasSize(1);
            assertThat(lookups).hasValue(1);
        }
    }

    private static SinkPublisher open(BrokerSink sink, SinkTargets.Checked checked) throws Exception {
        var timeout = Duration.ofSeconds(3);
        return sink.kind() == EventSinkFile.Kind.NATS ? new NatsPublisher(sink, timeout, checked)
                : new RabbitPublisher(sink, timeout, checked);
    }

    private CountingListener listen(String address, int port) throws IOException {
        var listener = new CountingListener(address, port);
        listeners.add(listener);
        return listener;
    }
}
