package io.kubezap.session.autoreply;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.automation.autoreply.AutoReplySettings;
import io.kubezap.contract.SessionState;
import io.kubezap.session.airesponder.ChatCompletions;
import io.kubezap.session.airesponder.StandInChatCompletions;
import io.kubezap.session.egress.AddressList;
import io.kubezap.session.egress.EgressRule;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.message.Direction;
import io.kubezap.session.message.Message;
import io.kubezap.session.message.MessageStatus;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.message.Submission;
import io.kubezap.session.outbound.SendIntake;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 79 S5: a contact cannot drive the AI responder without limit. Its answers go through a stand-in chat-completions
 * endpoint on loopback, whose requests are the completions counted; the outbox and the messages table are stood in for
 * by what the responder submitted (the caps count those, as {@link AutoReplyHistory} counts the submitted rows).
 */
class AiResponderLimitsTest {

    private static final String CONTACT = "5511988880140@s.whatsapp.net";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Submitted submitted = new Submitted();
    /** The drops as the session's state last carried them to the operator. */
    private final AtomicReference<SessionState.AutoRepliesDropped> published = new AtomicReference<>();
    private final AutoReplyDrops drops = new AutoReplyDrops(new PrometheusRegistry(), published::set);
    private StandInChatCompletions model;
    private AutoReplies replies;

    @AfterEach
    void stop() {
        if (replies != null) {
            replies.stop();
        }
        if (model != null) {
            model.close();
        }
    }

    @Test
    void aThousandTextsFromOneContactGetNoMoreCompletionsThanTheChatsCap() throws Exception {
        start(Map.of("maxRepliesPerChatPerDay", 5, "maxRepliesPerDay", 100), new CountDownLatch(0));

        for (int i = 0; i < 1000; i++) {
            // a minute apart: a person's pace, so that only the cap holds
            replies.arrived(text("m-" + i, "Oi, tudo bem? " + i, Instant.now().plus(Duration.ofMinutes(i))));
            int done = i + 1;
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(1)).until(() -> replies.handled() == done);
        }

        assertThat(model.requests()).as("completions asked of the endpoint").hasSize(5);
        assertThat(submitted.to(CONTACT)).hasSize(5);
        assertThat(drops.count("chat-cap")).isEqualTo(995);
    }

    @Test
    void aFloodWaitsInABoundedQueueAndTheRestIsDroppedAndCounted() throws Exception {
        var held = new CountDownLatch(1);
        start(Map.of("maxRepliesPerChatPerDay", 5), held);

        for (int i = 0; i < 1000; i++) {
            replies.arrived(text("m-" + i, "spam " + i, Instant.now().plus(Duration.ofMinutes(i))));
        }

        assertThat(replies.waiting()).as("messages held in memory for the replier").isEqualTo(AutoReplies.QUEUE_BOUND);
        assertThat(drops.count("queue-full")).isEqualTo(1000 - AutoReplies.QUEUE_BOUND - 1);
        assertThat(published.get()).as("the drops the session's state tells the operator of, published every 100th")
                .isNotNull().satisfies(dropped -> {
                    assertThat(dropped.count()).isEqualTo(801);
                    assertThat(dropped.reason()).isEqualTo("queue-full");
                });
        held.countDown();
        await().atMost(PATIENCE).until(() -> replies.handled() == AutoReplies.QUEUE_BOUND + 1);
        assertThat(model.requests()).hasSize(5);
    }

    /**
     * The heap stays flat: what a flood leaves in memory does not grow with the flood. Counted as live messages in the
     * JVM's class histogram, which the JVM takes after a full collection: the same with 1,000 texts as with 10,000.
     */
    @Test
    void aTenfoldFloodLeavesNoMoreMessagesInTheHeap() throws Exception {
        var held = new CountDownLatch(1);
        start(Map.of("maxRepliesPerChatPerDay", 5), held);

        flood(0, 1000);
        long afterAThousand = LiveInstances.of(Message.class);
        flood(1000, 10_000);
        long afterTenThousand = LiveInstances.of(Message.class);
        held.countDown();

        assertThat(afterAThousand).as("messages alive after 1,000 texts: the queue's and the one being answered")
                .isBetween((long) AutoReplies.QUEUE_BOUND, AutoReplies.QUEUE_BOUND + 1L);
        assertThat(afterTenThousand).as("messages alive after 10,000 texts").isLessThanOrEqualTo(afterAThousand);
    }

    private void flood(int from, int to) {
        for (int i = from; i < to; i++) {
            replies.arrived(text("m-" + i, "spam " + i, Instant.now().plus(Duration.ofMinutes(i))));
        }
    }

    @Test
    void aContactThatAnswersFasterThanAPersonTypesIsNoLongerAnswered() throws Exception {
        start(Map.of(), new CountDownLatch(0));

        for (int i = 0; i < 10; i++) {
            // a program: its text arrives a tenth of a second after the responder's answer went out
            var written = submitted.lastSentTo(CONTACT).map(sent -> sent.plusMillis(100)).orElseGet(Instant::now);
            replies.arrived(text("m-" + i, "Entendi, pode me contar mais sobre isso? " + i, written));
            int done = i + 1;
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(1)).until(() -> replies.handled() == done);
        }

        assertThat(model.requests()).as("the first text, and two fast ones a person might manage").hasSize(3);
        assertThat(drops.count("too-fast")).isEqualTo(7);
    }

    private void start(Map<String, Object> limits, CountDownLatch held) throws Exception {
        model = StandInChatCompletions.start(request -> new StandInChatCompletions.Text("Claro!", 1));
        var ai = new java.util.LinkedHashMap<String, Object>(Map.of("baseUrl", model.baseUrl(), "model", "loja-bot"));
        ai.putAll(limits);
        var settings = AutoReplySettings.parse(new ObjectMapper().writeValueAsString(Map.of("ai", ai)));
        var completions = StandInChatCompletions.client(new EgressRule(AddressList.of("KUBEZAP_MEDIA_URL_ALLOW_LIST", List.of("127.0.0.0/8"))));
        var responder = new AiResponder(new Chats(), new Memory(), submitted, Optional.empty(), completions);
        replies = new AutoReplies(settings, new History(submitted, held), submitted, responder, drops);
    }

    private static Message text(String id, String text, Instant at) {
        return Message.fresh(id, "WA-" + id, CONTACT, CONTACT, "Robô", Direction.IN, null, new MessageContent.Text(text), null, null,
                List.of(), MessageStatus.RECEIVED, at, at);
    }

    /** The outbox: what the responder submitted, each taken by WhatsApp at once. */
    private static final class Submitted extends SendIntake {
        private final List<Map.Entry<String, String>> keys = new CopyOnWriteArrayList<>();
        private final Map<String, Instant> lastSent = new ConcurrentHashMap<>();

        Submitted() {
            super(null, null, null, null, null, null, null, null, null, null, null);
        }

        @Override
        public Submission submit(SendCommand command, Optional<String> idempotencyKey) {
            keys.add(Map.entry(command.to(), idempotencyKey.orElseThrow()));
            lastSent.put(command.to(), Instant.now());
            return new Submission(null, false);
        }

        Optional<Instant> lastSentTo(String chat) {
            return Optional.ofNullable(lastSent.get(chat));
        }

        List<String> to(String chat) {
            return keys.stream().filter(key -> key.getKey().equals(chat)).map(Map.Entry::getValue).toList();
        }
    }

    /** The messages table as the caps read it; the first reading waits for {@code held}. */
    private static final class History extends AutoReplyHistory {
        private final Submitted submitted;
        private final CountDownLatch held;

        History(Submitted submitted, CountDownLatch held) {
            super(null);
            this.submitted = submitted;
            this.held = held;
        }

        @Override
        public boolean firstContact(String chat, String messageId) {
            awaitRelease();
            return false;
        }

        @Override
        public int repliesSince(Optional<String> chat, Instant since, String keyPrefix) {
            return (int) submitted.keys.stream().filter(key -> chat.map(key.getKey()::equals).orElse(true))
                    .filter(key -> key.getValue().startsWith(keyPrefix)).count();
        }

        @Override
        public Optional<Instant> lastSent(String chat, String keyPrefix) {
            return Optional.ofNullable(submitted.lastSent.get(chat));
        }

        private void awaitRelease() {
            try {
                held.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Chats extends AiResponderChats {
        Chats() {
            super(null);
        }

        @Override
        public Optional<Boolean> switchedOn(String chat) {
            return Optional.empty();
        }

        @Override
        public boolean answered(String incomingId) {
            return false;
        }

        @Override
        public Optional<Instant> lastHumanAnswer(String chat) {
            return Optional.empty();
        }
    }

    private static final class Memory extends AiMemory {
        Memory() {
            super(null);
        }

        @Override
        public List<ChatCompletions.Turn> recall(String chat, int window) {
            return List.of();
        }

        @Override
        public void remember(String chat, String asked, String answered, int window) {
        }
    }
}
