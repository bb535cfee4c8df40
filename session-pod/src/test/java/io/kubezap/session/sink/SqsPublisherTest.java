package io.kubezap.session.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.EventSinkFile;
import io.kubezap.contract.filter.EventFilter;
import io.kubezap.session.egress.AddressList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The SQS publisher against ElasticMQ on loopback: groups per chat, deduplication, outages and the dead-letter queue. */
class SqsPublisherTest {

    private static final String SESSION = "default/loja-1";
    private static final String ANA = "5511988880001@s.whatsapp.net";
    private static final String BETO = "5511988880002@s.whatsapp.net";

    private final ObjectMapper json = new ObjectMapper();
    private final java.util.concurrent.atomic.AtomicInteger deadLettered = new java.util.concurrent.atomic.AtomicInteger();
    private LocalSqs sqs;
    private String queue;
    private String deadLetters;

    @BeforeEach
    void server() throws Exception {
        sqs = new LocalSqs();
        sqs.start();
        queue = sqs.createFifoQueue("whatsapp-events.fifo");
        deadLetters = sqs.createFifoQueue("whatsapp-refused.fifo");
    }

    @AfterEach
    void stop() {
        sqs.close();
    }

    @Test
    void eachChatsEventsKeepTheirOrderInAMessageGroupOfTheirOwn() throws Exception {
        try (SqsPublisher publisher = publisher(Optional.empty(), 5)) {
            publisher.publish(List.of(event(1, ANA, "a1"), event(2, BETO, "b1"), event(3, ANA, "a2"), event(4, null, "session"),
                    event(5, BETO, "b2"), event(6, ANA, "a3")));
        }

        List<Message> messages = sqs.drain(queue);

        assertThat(texts(messages, SESSION + "/" + ANA)).containsExactly("a1", "a2", "a3");
        assertThat(texts(messages, SESSION + "/" + BETO)).containsExactly("b1", "b2");
        assertThat(texts(messages, SESSION)).as("an event about the session itself").containsExactly("session");
        assertThat(messages).allSatisfy(message -> assertThat(message.messageAttributes().get("content-type").stringValue())
                .isEqualTo("application/cloudevents+json"));
    }

    @Test
    void anEventPublishedAgainIsTakenOnce() throws Exception {
        try (SqsPublisher publisher = publisher(Optional.empty(), 5)) {
            publisher.publish(List.of(event(1, ANA, "a1"), event(2, ANA, "a2")));
            // the dispatcher's retry of a batch whose acknowledgement it could not record: the same events again
            publisher.publish(List.of(event(1, ANA, "a1"), event(2, ANA, "a2"), event(3, ANA, "a3")));
        }

        List<Message> messages = sqs.drain(queue);

        assertThat(texts(messages, SESSION + "/" + ANA)).containsExactly("a1", "a2", "a3");
        assertThat(messages).extracting(message -> message.attributes().get(MessageSystemAttributeName.MESSAGE_DEDUPLICATION_ID))
                .containsExactly(SESSION + "/1", SESSION + "/2", SESSION + "/3");
    }

    @Test
    void whileTheQueueIsAwayPublishingFailsAndANewPublisherDeliversOnceItIsBack() throws Exception {
        sqs.stop();
        try (SqsPublisher publisher = publisher(Optional.empty(), 1)) {
            assertThatThrownBy(() -> publisher.publish(List.of(event(1, ANA, "a1"))))
                    .as("the dispatcher keeps the events of a failed batch").isNotNull();
        }

        sqs.start();
        queue = sqs.createFifoQueue("whatsapp-events.fifo");
        try (SqsPublisher publisher = publisher(Optional.empty(), 1)) {
            publisher.publish(List.of(event(1, ANA, "a1")));
        }

        assertThat(texts(sqs.drain(queue), SESSION + "/" + ANA)).containsExactly("a1");
    }

    @Test
    void anEventTheQueueRefusesGoesToTheDeadLetterQueueAfterTheConfiguredAttemptsAndTheSinkGoesOn() throws Exception {
        List<SinkPublisher.SinkMessage> batch = List.of(event(1, ANA, "a1"), event(2, ANA, "x".repeat(300 * 1024)),
                event(3, ANA, "a3"));
        SqsRefusals refusals = new SqsRefusals();

        for (int attempt = 1; attempt < 3; attempt++) {
            try (SqsPublisher publisher = publisher(Optional.of(deadLetters), 3, refusals)) {
                Throwable refused = catchThrowable(() -> publisher.publish(batch));
                assertThat(refused).as("attempt " + attempt).isInstanceOf(SqsException.class);
                assertThat(SqsPublisher.refusedAsItself((SqsException) refused)).as(refused.toString()).isTrue();
            }
        }
        assertThat(sqs.drain(deadLetters)).as("not before the third refusal").isEmpty();
        try (SqsPublisher publisher = publisher(Optional.of(deadLetters), 3, refusals)) {
            publisher.publish(batch);
        }

        assertThat(texts(sqs.drain(queue), SESSION + "/" + ANA)).as("each once, the refused one left out").containsExactly("a1", "a3");
        List<Message> dead = sqs.drain(deadLetters);
        assertThat(dead).hasSize(1);
        JsonNode letter = json.readTree(dead.getFirst().body());
        assertThat(letter.path("id").asText()).isEqualTo("2");
        assertThat(letter.path("subject").asText()).isEqualTo(ANA);
        assertThat(letter.has("data")).as("the data the queue refused is not sent again").isFalse();
        assertThat(letter.path(SqsPublisher.REFUSAL_EXTENSION).asText()).isNotBlank();
        assertThat(deadLettered).as("counted for kubezap_sink_events_dead_lettered_total").hasValue(1);
    }

    @Test
    void withoutADeadLetterQueueARefusedEventIsRetriedAndNothingBehindItIsSkipped() throws Exception {
        List<SinkPublisher.SinkMessage> batch = List.of(event(1, ANA, "x".repeat(300 * 1024)), event(2, ANA, "a2"));
        SqsRefusals refusals = new SqsRefusals();
        for (int attempt = 1; attempt <= 4; attempt++) {
            try (SqsPublisher publisher = publisher(Optional.empty(), 3, refusals)) {
                assertThatThrownBy(() -> publisher.publish(batch)).as("attempt " + attempt).isInstanceOf(SqsException.class);
            }
        }
        assertThat(sqs.drain(queue)).isEmpty();
    }

    /** The egress rule checks the address: requests must go there, not to the host a queue URL names. */
    @Test
    void requestsGoToTheSinksAddressWhateverHostTheQueueUrlNames() throws Exception {
        queue = queue.replace(sqs.endpoint(), "https://sqs.eu-west-1.amazonaws.com");
        try (SqsPublisher publisher = publisher(Optional.empty(), 5)) {
            publisher.publish(List.of(event(1, ANA, "a1")));
        }

        assertThat(texts(sqs.drain(queue.replace("https://sqs.eu-west-1.amazonaws.com", sqs.endpoint())), SESSION + "/" + ANA))
                .containsExactly("a1");
    }

    @Test
    void longGroupAndDeduplicationIdsAreHashedToWhatSqsTakes() {
        String longest = "n".repeat(63) + "/" + "s".repeat(63) + "/" + ANA;
        assertThat(SqsPublisher.fitted(SESSION + "/" + ANA)).isEqualTo(SESSION + "/" + ANA);
        assertThat(SqsPublisher.fitted(longest)).hasSize(64).isEqualTo(SqsPublisher.fitted(longest));
    }

    private SqsPublisher publisher(Optional<String> deadLetterQueue, int deadLetterAfter) {
        return publisher(deadLetterQueue, deadLetterAfter, new SqsRefusals());
    }

    private SqsPublisher publisher(Optional<String> deadLetterQueue, int deadLetterAfter, SqsRefusals refusals) {
        BrokerSink sink = new BrokerSink("queue", EventSinkFile.Kind.SQS, sqs.endpoint(), queue, Set.of(), EventFilter.EVERYTHING,
                Optional.of(LocalSqs.ACCESS_KEY_ID), Optional.of(LocalSqs.SECRET_ACCESS_KEY),
                new SqsQueue(LocalSqs.REGION, Optional.empty(), deadLetterQueue));
        var targets = new SinkTargets(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", "127.0.0.1/32"), AddressList.NONE);
        var timeout = Duration.ofSeconds(3);
        return new SqsPublisher(sink, targets.pinnedHttp(LocalSqs.VERTX, sink, targets.check(sink), timeout), timeout,
                deadLetterAfter, refusals, deadLettered::incrementAndGet);
    }

    private SinkPublisher.SinkMessage event(long id, String chat, String text) throws Exception {
        var event = json.createObjectNode().put("specversion", "1.0").put("id", Long.toString(id))
                .put("source", "/api/v1/namespaces/default/sessions/loja-1").put("type", "io.kubezap.message.received")
                .put("datacontenttype", "application/json");
        if (chat != null) {
            event.put("subject", chat);
        }
        event.putObject("data").put("text", text);
        return new SinkPublisher.SinkMessage(Long.toString(id), "io.kubezap.message.received", SESSION, chat,
                json.writeValueAsBytes(event));
    }

    /** The texts of one message group's messages, in the order the queue gave them. */
    private List<String> texts(List<Message> messages, String group) throws Exception {
        List<String> texts = new ArrayList<>();
        for (Message message : messages) {
            if (group.equals(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))) {
                texts.add(json.readTree(message.body().getBytes(StandardCharsets.UTF_8)).path("data").path("text").asText());
            }
        }
        return texts;
    }
}
