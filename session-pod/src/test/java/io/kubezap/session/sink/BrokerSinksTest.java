package io.kubezap.session.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.filter.EventDirection;
import io.kubezap.contract.filter.EventFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class BrokerSinksTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void credentialFilesAreReadNextToTheListWhereverTheVolumeIsMounted(@TempDir Path mount) throws Exception {
        Files.writeString(mount.resolve("0-username"), "kubezap\n");
        Files.writeString(mount.resolve("0-password"), "s3cret\n");
        Path list = Files.writeString(mount.resolve("sinks.json"), """
                [{"name": "orders", "kind": "RabbitMQ", "address": "amqp://rabbitmq:5672", "destination": "whatsapp",
                  "events": ["message.received"], "usernameFile": "0-username", "passwordFile": "0-password"},
                 {"name": "audit", "kind": "NATS", "address": "nats://nats:4222", "destination": "kubezap.events"}]""");

        var sinks = BrokerSinks.load(list, json);

        assertThat(sinks).containsExactly(
                new BrokerSink("orders", EventSinkFile.Kind.RabbitMQ, "amqp://rabbitmq:5672", "whatsapp",
                        Set.of("message.received"), Optional.of("kubezap"), Optional.of("s3cret")),
                new BrokerSink("audit", EventSinkFile.Kind.NATS, "nats://nats:4222", "kubezap.events", Set.of(),
                        Optional.empty(), Optional.empty()));
        assertThat(sinks.getFirst().wants("message.sent")).isFalse();
        assertThat(sinks.getLast().wants("message.sent")).as("no filter: every event").isTrue();
        assertThat(sinks.getFirst().toString()).doesNotContain("s3cret");
    }

    @Test
    void anSqsSinkHasItsRegionKeyPairSessionTokenAndDeadLetterQueue(@TempDir Path mount) throws Exception {
        Files.writeString(mount.resolve("0-username"), "AKIAEXAMPLE\n");
        Files.writeString(mount.resolve("0-password"), "s3cret\n");
        Files.writeString(mount.resolve("0-session-token"), "token\n");
        Path list = Files.writeString(mount.resolve("sinks.json"), """
                [{"name": "queue", "kind": "SQS", "address": "https://sqs.eu-west-1.amazonaws.com",
                  "destination": "https://sqs.eu-west-1.amazonaws.com/123456789012/events.fifo", "region": "eu-west-1",
                  "usernameFile": "0-username", "passwordFile": "0-password", "sessionTokenFile": "0-session-token",
                  "deadLetterQueue": "https://sqs.eu-west-1.amazonaws.com/123456789012/refused.fifo"}]""");

        BrokerSink queue = BrokerSinks.load(list, json).getFirst();

        assertThat(queue.kind()).isEqualTo(EventSinkFile.Kind.SQS);
        assertThat(queue.username()).contains("AKIAEXAMPLE");
        assertThat(queue.sqs()).isEqualTo(new SqsQueue("eu-west-1", Optional.of("token"),
                Optional.of("https://sqs.eu-west-1.amazonaws.com/123456789012/refused.fifo")));
    }

    @Test
    void anSqsSinkWithoutItsRegionOrKeyPairIsRefused(@TempDir Path mount) throws Exception {
        assertRefused(mount, "[{\"name\": \"q\", \"kind\": \"SQS\", \"address\": \"https://sqs.eu-west-1.amazonaws.com\","
                + " \"destination\": \"https://sqs.eu-west-1.amazonaws.com/1/q.fifo\", \"username\": \"k\", \"password\": \"s\"}]",
                "entry 0: region is required");
        assertRefused(mount, "[{\"name\": \"q\", \"kind\": \"SQS\", \"address\": \"https://sqs.eu-west-1.amazonaws.com\","
                + " \"destination\": \"https://sqs.eu-west-1.amazonaws.com/1/q.fifo\", \"region\": \"eu-west-1\"}]",
                "entry 0: an SQS sink needs usernameFile (access key id) and passwordFile (secret access key)");
    }

    @Test
    void aSinksFilterPicksItsEventsByChatDirectionAndWhoActed(@TempDir Path mount) throws Exception {
        Path list = Files.writeString(mount.resolve("sinks.json"), """
                [{"name": "support", "kind": "NATS", "address": "nats://nats:4222", "destination": "inbox",
                  "filter": {"excludeChats": ["groups", "status"], "direction": "Incoming", "fromMe": false}}]""");

        BrokerSink support = BrokerSinks.load(list, json).getFirst();

        assertThat(support.filter()).isEqualTo(new EventFilter(List.of(), List.of("groups", "status"),
                EventDirection.Incoming, false));
        assertThat(support.wants("message.received", () -> subject("5511988880001@s.whatsapp.net", "in"))).isTrue();
        assertThat(support.wants("message.received", () -> subject("120363000000000001@g.us", "in"))).isFalse();
        assertThat(support.wants("message.sent", () -> subject("5511988880001@s.whatsapp.net", "out"))).isFalse();
    }

    private static io.kubezap.contract.filter.EventSubject subject(String chat, String direction) {
        return io.kubezap.contract.filter.EventSubject.of("message.received",
                pointer -> java.util.Map.of("/chat", chat, "/direction", direction).get(pointer));
    }

    @Test
    void aWrongEntryIsRefusedByItsPlaceNeverByWhatItHolds(@TempDir Path mount) throws Exception {
        assertRefused(mount, "[{\"name\": \"a\", \"kind\": \"Pulsar\", \"address\": \"x\", \"destination\": \"y\"}]",
                "entry 0: kind must be one of [Kafka, NATS, RabbitMQ, SQS]");
        assertRefused(mount, "[{\"name\": \"a\", \"kind\": \"NATS\", \"address\": \"nats://n\", \"destination\": \"y\"},"
                + " {\"name\": \"a\", \"kind\": \"Kafka\", \"address\": \"k:9092\", \"destination\": \"y\"}]", "entry 1: a second sink named a");
        assertRefused(mount, "[{\"name\": \"a\", \"kind\": \"NATS\", \"destination\": \"y\"}]", "entry 0: address is required");
        assertRefused(mount, "[{\"name\": \"a\", \"password\": TOKEN-1}]", "not a JSON list of event sinks");
        assertRefused(mount, "[{\"name\": \"a\", \"kind\": \"NATS\", \"address\": \"nats://n\", \"destination\": \"y\","
                + " \"passwordFile\": \"missing\"}]", "entry 0: passwordFile cannot be read");
        assertRefused(mount, "[{\"name\": \"a\", \"kind\": \"NATS\", \"address\": \"nats://n\", \"destination\": \"y\","
                + " \"filter\": {\"chats\": [\"everyone\"]}}]", "entry 0: filter.chats[0]: a chat is groups, direct");
    }

    private void assertRefused(Path mount, String content, String message) throws Exception {
        Path list = Files.writeString(mount.resolve("sinks.json"), content);
        Throwable refused = catchThrowable(() -> BrokerSinks.load(list, json));
        assertThat(refused).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message)
                .hasMessageNotContaining("TOKEN-1").hasNoCause();
    }
}
