package io.kubezap.session.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.kubezap.session.sink.BrokerProcess;
import io.kubezap.session.sink.LocalBrokers;
import io.kubezap.session.sink.LocalSqs;
import io.kubezap.session.testing.PodProcess;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static io.kubezap.session.e2e.PodAgainstSimulator.NAMESPACE;
import static io.kubezap.session.e2e.PodAgainstSimulator.PATIENCE;
import static io.kubezap.session.testing.SampleFiles.png;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events into real brokers started on loopback (Kafka in KRaft mode, NATS with JetStream, RabbitMQ, and ElasticMQ as
 * the SQS-compatible server): texts from a customer arrive at each broker as CloudEvents, once each and in the order of
 * the session's events (on SQS in the chat's message group), across an outage of all four brokers and a restart of
 * the pod during it; a fourth sink whose broker never answers holds back only
 * itself and shows why in {@code GET /sinks}. A phone's photo then reaches each broker shaped by the session's
 * {@code spec.events.payload}, as webhooks get it: the file inline and WhatsApp's own message under {@code _data}. A
 * photo too large for an SQS message goes to the SQS sink's dead-letter queue after its attempts, and the next text
 * reaches the queue.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EventSinksIT {

    private static final String OWNER = "5511999990040";
    private static final String CUSTOMER = "5511988880040";
    private static final String SESSION = "loja-40";
    private static final String TOPIC = "whatsapp-events";
    private static final String SUBJECT = "kubezap.events";
    private static final String EXCHANGE = "kubezap";
    private static final String QUEUE = "whatsapp-events";
    private static final String SQS_QUEUE = "whatsapp-events.fifo";
    private static final String SQS_DEAD_LETTERS = "whatsapp-refused.fifo";

    @TempDir
    static Path workDir;

    private final ObjectMapper json = new ObjectMapper();
    private BrokerProcess kafka;
    private BrokerProcess nats;
    private BrokerProcess rabbitMq;
    private LocalSqs sqs;
    /** ElasticMQ keeps messages in memory: what reached it before its outage, read then as a consumer would. */
    private final List<byte[]> sqsBeforeOutage = new ArrayList<>();
    private PodAgainstSimulator world;

    @BeforeAll
    void brokersAndALinkedSession() throws Exception {
        String missing = LocalBrokers.missing();
        if (missing != null && System.getenv("CI") == null) {
            Assumptions.abort("EventSinksIT needs real brokers: " + missing);
        }
        assertThat(missing).as("CI installs the brokers").isNull();
        kafka = LocalBrokers.kafka(workDir);
        nats = LocalBrokers.nats(workDir);
        rabbitMq = LocalBrokers.rabbitMq(workDir);
        sqs = new LocalSqs();
        startBrokers();
        prepareDestinations();

        Files.writeString(workDir.resolve("3-username"), "guest");
        Files.writeString(workDir.resolve("3-password"), "guest\n");
        Files.writeString(workDir.resolve("4-username"), LocalSqs.ACCESS_KEY_ID);
        Files.writeString(workDir.resolve("4-password"), LocalSqs.SECRET_ACCESS_KEY + "\n");
        Path sinks = Files.writeString(workDir.resolve("sinks.json"), """
                [
                  {"name": "kafka", "kind": "Kafka", "address": "127.0.0.1:%d", "destination": "%s", "events": ["message.received"]},
                  {"name": "nats", "kind": "NATS", "address": "nats://127.0.0.1:%d", "destination": "%s", "events": ["message.received"]},
                  {"name": "nowhere", "kind": "NATS", "address": "nats://127.0.0.1:%d", "destination": "x", "events": ["message.received"]},
                  {"name": "rabbitmq", "kind": "RabbitMQ", "address": "amqp://127.0.0.1:%d", "destination": "%s",
                   "events": ["message.received"], "usernameFile": "3-username", "passwordFile": "3-password"},
                  {"name": "sqs", "kind": "SQS", "address": "%s", "destination": "%s", "region": "%s",
                   "deadLetterQueue": "%s", "events": ["message.received"], "usernameFile": "4-username", "passwordFile": "4-password"}
                ]""".formatted(kafka.port(), TOPIC, nats.port(), SUBJECT, PodProcess.freePort(), rabbitMq.port(), EXCHANGE,
                sqs.endpoint(), sqsQueue(), LocalSqs.REGION, sqsQueue().replace(SQS_QUEUE, SQS_DEAD_LETTERS)));
        world = PodAgainstSimulator.create(workDir, SESSION, Map.of("KUBEZAP_EVENT_SINKS_FILE", sinks.toString(), "KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1",
                "KUBEZAP_SINK_RETRY_INITIAL_DELAY", "200ms", "KUBEZAP_SINK_RETRY_MAX_DELAY", "1s", "KUBEZAP_SINK_TIMEOUT", "3s",
                "KUBEZAP_EVENTS_PAYLOAD_MEDIA", "Base64", "KUBEZAP_EVENTS_PAYLOAD_RAW", "true", "KUBEZAP_SINK_DEAD_LETTER_AFTER", "2"));
        world.startLinked(OWNER, CUSTOMER);
    }

    @AfterAll
    void stopEverything() throws Exception {
        try {
            if (world != null) {
                world.close();
            }
        } finally {
            if (sqs != null) {
                sqs.close();
            }
            for (BrokerProcess broker : new BrokerProcess[] {kafka, nats, rabbitMq}) {
                if (broker != null) {
                    broker.close();
                }
            }
            if (rabbitMq != null) {
                LocalBrokers.stopPortMapper(rabbitMq);
            }
        }
    }

    @Test
    @Order(1)
    void everyTextReachesEachBrokerOnceInOrderAcrossABrokerOutageAndAPodRestart() throws Exception {
        send("A1", "A2", "A3");
        await().atMost(PATIENCE).until(() -> sink("kafka").path("lastEventId").asLong() > 0
                && sink("nats").path("lastEventId").asLong() > 0 && sink("rabbitmq").path("lastEventId").asLong() > 0
                && sink("kafka").path("pending").asLong() == 0
                && sink("sqs").path("lastEventId").asLong() > 0 && sink("sqs").path("pending").asLong() == 0);
        sqsBeforeOutage.addAll(sqsMessages(SQS_QUEUE));

        stopBrokers();
        send("B1", "B2", "B3");
        await().atMost(PATIENCE).until(() -> world.incomingTexts().size() == 6);
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String name : List.of("kafka", "nats", "rabbitmq", "sqs")) {
                assertThat(sink(name).path("pending").asLong()).as(name + " holds the texts of the outage").isEqualTo(3);
                assertThat(sink(name).path("lastError").asText()).as(name + " says why").isNotEmpty();
            }
        });
        world.stopPod();
        startBrokers();
        world.startPod();
        world.awaitPhase("Connected");
        send("C1", "C2", "C3");

        List<Long> received = world.events("message.received").stream()
                .map(event -> ((Number) event.get("id")).longValue()).toList().reversed();
        assertThat(received).hasSize(9);
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String name : List.of("kafka", "nats", "rabbitmq", "sqs")) {
                assertThat(sink(name).path("pending").asLong()).as(name).isZero();
            }
        });

        assertOncePerEventInOrder("Kafka", kafkaRecords(), received);
        assertOncePerEventInOrder("NATS", natsMessages(), received);
        assertOncePerEventInOrder("RabbitMQ", rabbitMessages(), received);
        List<byte[]> sqsBodies = new ArrayList<>(sqsBeforeOutage);
        sqsBodies.addAll(sqsMessages(SQS_QUEUE));
        assertOncePerEventInOrder("SQS", sqsBodies, received);

        JsonNode nowhere = sink("nowhere");
        assertThat(nowhere.path("pending").asLong()).as("the sink whose broker is away keeps every event").isEqualTo(9);
        assertThat(nowhere.path("lastError").asText()).isNotEmpty();
        assertThat(nowhere.path("failingSince").asText()).isNotEmpty();
    }

    /** spec.events.payload applies to sinks as to webhooks: the file inline (media Base64) and WhatsApp's message under _data. */
    @Test
    @Order(2)
    void aPhotoReachesEachBrokerInlineWithWhatsAppsOwnMessageAlongside() throws Exception {
        byte[] photo = png(24, 24, 402);
        String waId = world.control().body(Map.of("to", OWNER, "type", "image", "caption", "Foto para os brokers",
                        "media", Map.of("data", Base64.getEncoder().encodeToString(photo), "mimeType", "image/png")))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202).extract().path("id");
        long photoEvent = await().atMost(PATIENCE).until(() -> world.events("message.received").stream()
                .filter(event -> "Foto para os brokers".equals(PodAgainstSimulator.payload(event).get("text")))
                .map(event -> ((Number) event.get("id")).longValue()).findFirst(), java.util.Optional::isPresent).orElseThrow();
        await().atMost(PATIENCE).untilAsserted(() -> {
            for (String name : List.of("kafka", "nats", "rabbitmq", "sqs")) {
                assertThat(sink(name).path("lastEventId").asLong()).as(name).isGreaterThanOrEqualTo(photoEvent);
            }
        });

        var bodies = Map.of("Kafka", kafkaRecords(), "NATS", natsMessages(), "RabbitMQ", rabbitMessages(),
                "SQS", sqsMessages(SQS_QUEUE));
        for (var broker : bodies.entrySet()) {
            List<JsonNode> photos = new ArrayList<>();
            for (byte[] body : broker.getValue()) {
                JsonNode data = json.readTree(body).path("data");
                if (waId.equals(data.path("_data").path("key").path("id").asText())) {
                    photos.add(data);
                }
            }
            assertThat(photos).as(broker.getKey() + ": the photo's event, once").hasSize(1);
            JsonNode data = photos.getFirst();
            assertThat(Base64.getDecoder().decode(data.path("media").path("base64").asText())).as(broker.getKey()).isEqualTo(photo);
            assertThat(data.path("_data").path("message").path("imageMessage").path("caption").asText()).as(broker.getKey())
                    .isEqualTo("Foto para os brokers");
        }
    }

    /** SQS takes at most 256 KiB a message: a larger event goes to the dead-letter queue after its attempts, and the sink goes on. */
    @Test
    @Order(3)
    void aPhotoTooLargeForAnSqsMessageIsDeadLetteredAndTheNextTextStillArrives() throws Exception {
        byte[] photo = png(320, 320, 403);
        assertThat(photo.length).as("inline in Base64, more than SQS takes").isGreaterThan(200 * 1024);
        world.control().body(Map.of("to", OWNER, "type", "image", "caption", "Foto grande",
                        "media", Map.of("data", Base64.getEncoder().encodeToString(photo), "mimeType", "image/png")))
                .post("/api/phones/" + CUSTOMER + "/messages").then().statusCode(202);
        long photoEvent = await().atMost(PATIENCE).until(() -> world.events("message.received").stream()
                .filter(event -> "Foto grande".equals(PodAgainstSimulator.payload(event).get("text")))
                .map(event -> ((Number) event.get("id")).longValue()).findFirst(), java.util.Optional::isPresent).orElseThrow();
        send("D1");

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sink("sqs").path("pending").asLong()).isZero());

        List<JsonNode> dead = new ArrayList<>();
        for (byte[] body : sqsMessages(SQS_DEAD_LETTERS)) {
            dead.add(json.readTree(body));
        }
        assertThat(dead).singleElement().satisfies(letter -> {
            assertThat(letter.path("id").asText()).isEqualTo(Long.toString(photoEvent));
            assertThat(letter.path("subject").asText()).isEqualTo(CUSTOMER + "@s.whatsapp.net");
            assertThat(letter.has("data")).isFalse();
            assertThat(letter.path("kubezaprefusal").asText()).isNotBlank();
        });
        List<String> texts = new ArrayList<>();
        for (byte[] body : sqsMessages(SQS_QUEUE)) {
            texts.add(json.readTree(body).path("data").path("text").asText());
        }
        assertThat(texts).as("the photo left out, the text after it delivered").containsExactly("D1");
    }

    private void assertOncePerEventInOrder(String broker, List<byte[]> bodies, List<Long> eventIds) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (byte[] body : bodies) {
            events.add(json.readTree(body));
        }
        assertThat(events).as(broker).extracting(event -> Long.parseLong(event.path("id").asText()))
                .containsExactlyElementsOf(eventIds);
        assertThat(events).as(broker).extracting(event -> event.path("data").path("text").asText())
                .containsExactly("A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2", "C3");
        assertThat(events).as(broker).allSatisfy(event -> {
            assertThat(event.path("specversion").asText()).isEqualTo("1.0");
            assertThat(event.path("type").asText()).isEqualTo("io.kubezap.message.received");
            assertThat(event.path("source").asText()).isEqualTo("/api/v1/namespaces/" + NAMESPACE + "/sessions/" + SESSION);
            assertThat(event.path("subject").asText()).isEqualTo(CUSTOMER + "@s.whatsapp.net");
            assertThat(event.path("data").path("chat").asText()).isEqualTo(CUSTOMER + "@s.whatsapp.net");
        });
    }

    private void send(String... texts) {
        int before = world.incomingTexts().size();
        for (String text : texts) {
            world.control().body(Map.of("to", OWNER, "text", text)).post("/api/phones/" + CUSTOMER + "/messages")
                    .then().statusCode(202);
        }
        await().atMost(PATIENCE).until(() -> world.incomingTexts().size() == before + texts.length);
    }

    private JsonNode sink(String name) throws IOException {
        JsonNode all = json.readTree(world.api().get("/sinks").then().statusCode(200).extract().asString()).path("items");
        for (JsonNode sink : all) {
            if (name.equals(sink.path("name").asText())) {
                return sink;
            }
        }
        throw new AssertionError("no sink " + name + " in " + all);
    }

    private void startBrokers() throws IOException, InterruptedException {
        kafka.start();
        nats.start();
        rabbitMq.start();
        sqs.start();
        sqs.createFifoQueue(SQS_QUEUE);
        sqs.createFifoQueue(SQS_DEAD_LETTERS);
    }

    private void stopBrokers() throws InterruptedException {
        kafka.stop();
        nats.stop();
        rabbitMq.stop();
        sqs.stop();
    }

    private String sqsQueue() {
        return sqs.endpoint() + "/000000000000/" + SQS_QUEUE;
    }

    /** The queue's messages (read and deleted), each in the chat's message group and as a CloudEvent. */
    private List<byte[]> sqsMessages(String queue) {
        List<byte[]> bodies = new ArrayList<>();
        for (var message : sqs.drain(sqsQueue().replace(SQS_QUEUE, queue))) {
            if (queue.equals(SQS_QUEUE)) {
                assertThat(message.attributes().get(software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName.MESSAGE_GROUP_ID))
                        .isEqualTo(NAMESPACE + "/" + SESSION + "/" + CUSTOMER + "@s.whatsapp.net");
            }
            assertThat(message.messageAttributes().get("content-type").stringValue()).isEqualTo("application/cloudevents+json");
            bodies.add(message.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bodies;
    }

    private void prepareDestinations() throws Exception {
        try (Connection connection = Nats.connect("nats://127.0.0.1:" + nats.port())) {
            JetStreamManagement streams = connection.jetStreamManagement();
            streams.addStream(StreamConfiguration.builder().name("KUBEZAP").subjects(SUBJECT).storageType(StorageType.File).build());
        }
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(rabbitMq.port());
        try (com.rabbitmq.client.Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(EXCHANGE, "topic", true);
            channel.queueDeclare(QUEUE, true, false, false, null);
            channel.queueBind(QUEUE, EXCHANGE, "io.kubezap.#");
        }
    }

    private List<byte[]> kafkaRecords() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + kafka.port());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<byte[]> bodies = new ArrayList<>();
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                    assertThat(record.key()).isEqualTo(NAMESPACE + "/" + SESSION);
                    bodies.add(record.value());
                }
            }
            return bodies;
        }
    }

    private List<byte[]> natsMessages() throws Exception {
        try (Connection connection = Nats.connect("nats://127.0.0.1:" + nats.port())) {
            JetStreamManagement streams = connection.jetStreamManagement();
            long count = streams.getStreamInfo("KUBEZAP").getStreamState().getMsgCount();
            List<byte[]> bodies = new ArrayList<>();
            for (long seq = 1; seq <= count; seq++) {
                bodies.add(streams.getMessage("KUBEZAP", seq).getData());
            }
            return bodies;
        }
    }

    private List<byte[]> rabbitMessages() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setPort(rabbitMq.port());
        try (com.rabbitmq.client.Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            List<byte[]> bodies = new ArrayList<>();
            for (GetResponse message = channel.basicGet(QUEUE, true); message != null; message = channel.basicGet(QUEUE, true)) {
                assertThat(message.getProps().getContentType()).isEqualTo("application/cloudevents+json");
                bodies.add(message.getBody());
            }
            return bodies;
        }
    }
}
