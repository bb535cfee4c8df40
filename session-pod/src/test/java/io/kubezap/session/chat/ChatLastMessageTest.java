package io.kubezap.session.chat;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chat's last message against the real embedded PostgreSQL. WhatsApp stamps messages in whole seconds, so a burst
 * shares its second: of two messages with one time the one stored later (WhatsApp delivered it later) is the last, as a
 * phone shows it; a message stamped earlier but stored later (a late redelivery) does not take its place.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class ChatLastMessageTest {

    private static final Instant SECOND = Instant.parse("2026-11-26T10:00:00Z");

    @Inject
    ChatRepository chats;
    @Inject
    SessionDb db;

    @Test
    void ofTwoMessagesInOneSecondTheOneStoredLaterIsTheLast() {
        String chat = chat();
        record(chat, "Oi", SECOND);
        record(chat, "Tudo bem?", SECOND);

        assertThat(chats.find(chat).orElseThrow().lastMessagePreview()).isEqualTo("Tudo bem?");
        assertThat(chats.find(chat).orElseThrow().unreadCount()).isEqualTo(2);
    }

    @Test
    void anEarlierMessageStoredLateDoesNotBecomeTheLast() {
        String chat = chat();
        record(chat, "Tudo bem?", SECOND);
        record(chat, "Oi", SECOND.minusSeconds(1));

        assertThat(chats.find(chat).orElseThrow().lastMessagePreview()).isEqualTo("Tudo bem?");
        assertThat(chats.find(chat).orElseThrow().lastMessageAt()).isEqualTo(SECOND);
    }

    private void record(String chat, String text, Instant at) {
        db.useTransaction(handle -> chats.recordMessage(handle, null,
                new ChatEntry(chat, UUID.randomUUID().toString(), at, "text", text, false)));
    }

    private static String chat() {
        return "55119" + (System.nanoTime() % 100_000_000L + 100_000_000L) + "@s.whatsapp.net";
    }
}
