package io.kubezap.session.sink;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamOptions;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * NATS: JetStream where a stream takes the subject (each publish acknowledged as stored, {@code Nats-Msg-Id} the
 * CloudEvent's source and id, so the stream drops a retried duplicate within its window); core NATS otherwise (flushed
 * to the server, no storage: a subscriber that is away misses events). One connection per sink, not reconnected by
 * the client: a broken one fails the batch and the dispatcher opens a new one, to the addresses {@link SinkTargets}
 * checked (with {@code tls://} the TLS session then names the address, not the host).
 */
final class NatsPublisher implements SinkPublisher {

    private final Connection connection;
    private final String subject;
    private final Duration timeout;
    private final JetStream jetStream;

    NatsPublisher(BrokerSink sink, Duration timeout, SinkTargets.Checked checked) throws IOException, InterruptedException {
        this.subject = sink.destination();
        this.timeout = timeout;
        // the checked addresses only: never the names again, nor the servers the broker names (discovered servers)
        String[] servers = Arrays.stream(sink.address().split(",")).filter(entry -> !entry.isBlank()).map(entry -> checked.pinned(entry.contains("://") ? entry : "nats://" + entry.strip()))
                .toArray(String[]::new);
        Options.Builder options = Options.builder().servers(servers).connectionName("kubezap-" + sink.name())
                .connectionTimeout(timeout).noReconnect().ignoreDiscoveredServers().noResolveHostnames();
        sink.username().ifPresent(user -> options.userInfo(user, sink.password().orElse("")));
        this.connection = Nats.connect(options.build());
        this.jetStream = streamTaking(connection, subject, timeout) ? connection.jetStream(
                JetStreamOptions.builder().requestTimeout(timeout).build()) : null;
    }

    private static boolean streamTaking(Connection connection, String subject, Duration timeout) {
        try {
            return !connection.jetStreamManagement(JetStreamOptions.builder().requestTimeout(timeout).build())
                    .getStreamNames(subject).isEmpty();
        } catch (Exception noJetStream) {
            return false;
        }
    }

    @Override
    public void publish(List<SinkMessage> messages) throws Exception {
        if (jetStream == null) {
            for (SinkMessage message : messages) {
                connection.publish(message(message));
            }
            connection.flush(timeout);
            return;
        }
        // one at a time, each stored before the next goes: an earlier one that timed out is never overtaken
        for (SinkMessage message : messages) {
            jetStream.publish(message(message));
        }
    }

    private NatsMessage message(SinkMessage message) {
        Headers headers = new Headers().add("Content-Type", SinkCloudEvents.CONTENT_TYPE)
                .add("Nats-Msg-Id", message.key() + "/" + message.id());
        return NatsMessage.builder().subject(subject).headers(headers).data(message.body()).build();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
