package io.kubezap.session.retention;

import io.kubezap.session.db.SessionDb;
import io.kubezap.session.media.MediaStore;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention against the real embedded PostgreSQL with the pod's defaults (messages 365 d, events and deliveries 7 d):
 * what is older goes, in batches, with the files no kept message names; what is recent, still queued or still awaited
 * by a webhook stays.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class RowPruningTest {

    private static final String CHAT = "5511988887777@s.whatsapp.net";
    private static final Instant NOW = Instant.now();
    private static final Instant LAST_YEAR = NOW.minus(Duration.ofDays(400));
    private static final Instant LAST_MONTH = NOW.minus(Duration.ofDays(30));

    @Inject
    RowPruning pruning;
    @Inject
    SessionDb db;
    @Inject
    MediaStore media;

    @BeforeEach
    void empty() {
        db.useTransaction(handle -> {
            db.update(handle, "delete from messages where namespace = :ns and session = :session").execute();
            db.update(handle, "delete from events where namespace = :ns and session = :session").execute();
        });
    }

    @Test
    void messagesOlderThanTheirRetentionGoWithTheFilesNothingElseNames() throws IOException {
        String oldFile = file("a photo from last year");
        String sharedFile = file("a sticker sent last year and again this week");
        for (int i = 0; i < 1_200; i++) { // more than two batches of 500
            message("old-" + i, LAST_YEAR, null);
        }
        message("old-photo", LAST_YEAR, oldFile);
        message("old-sticker", LAST_YEAR, sharedFile);
        message("recent-sticker", NOW.minus(Duration.ofDays(3)), sharedFile);
        message("recent-text", LAST_MONTH, null);
        message("old-but-queued", LAST_YEAR, null);
        // due later: the app's outbound worker (connected by earlier tests) would otherwise send it, and a sent row is prunable
        db.useTransaction(handle -> db.update(handle, """
                insert into outbound_queue (namespace, session, message_id, state, next_attempt_at, created_at)
                values (:ns, :session, 'old-but-queued', 'queued', now() + interval '1 hour', now())""").execute());

        RowPruning.Pruned pruned = pruning.prune();

        assertThat(pruned.messages()).isEqualTo(1_202);
        assertThat(pruned.files()).isEqualTo(1);
        assertThat(messageIds()).containsExactlyInAnyOrder("recent-sticker", "recent-text", "old-but-queued");
        assertThat(media.find(oldFile)).isEmpty();
        assertThat(media.find(sharedFile)).isPresent();
    }

    @Test
    void eventsAndDeliveriesOlderThanAWeekGoUnlessAWebhookStillAwaitsThem() {
        long old = event(LAST_MONTH);
        long oldAwaited = event(LAST_MONTH);
        long recent = event(NOW.minus(Duration.ofDays(2)));
        delivery("d-old", old, "delivered", LAST_MONTH);
        delivery("d-awaited", oldAwaited, "pending", LAST_MONTH);
        delivery("d-failed-recent-event", recent, "failed", LAST_MONTH);
        delivery("d-recent", recent, "delivered", NOW.minus(Duration.ofDays(1)));

        RowPruning.Pruned pruned = pruning.prune();

        assertThat(eventIds()).containsExactlyInAnyOrder(oldAwaited, recent);
        assertThat(deliveryIds()).containsExactlyInAnyOrder("d-awaited", "d-recent");
        assertThat(pruned.events()).isEqualTo(1);
        assertThat(pruned.deliveries()).isEqualTo(2);
    }

    @Test
    void anEventTheChatwootConnectorStillAwaitsIsKept() {
        long awaited = event(LAST_MONTH);
        long mirrored = event(LAST_MONTH);
        db.useTransaction(handle -> db.update(handle,
                "insert into chatwoot_deliveries (namespace, session, event_id) values (:ns, :session, :event)")
                .bind("event", awaited).execute());

        pruning.prune();

        assertThat(eventIds()).as("the old event not yet in Chatwoot stays; the mirrored one goes").containsExactly(awaited)
                .doesNotContain(mirrored);
    }

    private String file(String content) throws IOException {
        return media.ingest(new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8)), 1_000).sha256();
    }

    private void message(String id, Instant at, String sha256) {
        db.useTransaction(handle -> db.update(handle, """
                        insert into messages (namespace, session, id, chat_jid, direction, type, text, media, status,
                                              created_at, updated_at)
                        values (:ns, :session, :id, :chat, 'in', :type, 'oi', cast(:media as jsonb), 'received', :at, :at)""")
                .bind("id", id).bind("chat", CHAT).bind("type", sha256 == null ? "text" : "image")
                .bind("media", sha256 == null ? null : "{\"sha256\": \"" + sha256 + "\", \"mimeType\": \"image/png\"}")
                .bind("at", at).execute());
    }

    private long event(Instant at) {
        return db.inTransaction(handle -> db.update(handle, """
                        insert into events (namespace, session, type, payload, occurred_at)
                        values (:ns, :session, 'message.received', '{}', :at)""")
                .bind("at", at).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    private void delivery(String id, long event, String status, Instant at) {
        db.useTransaction(handle -> db.update(handle, """
                        insert into webhook_deliveries (id, namespace, session, event_id, event_type, endpoint_url, payload,
                                                        status, next_attempt_at, created_at)
                        values (:id, :ns, :session, :event, 'message.received', 'https://hooks.example.com/x', '{}',
                                :status, :at, :at)""")
                .bind("id", id).bind("event", event).bind("status", status).bind("at", at).execute());
    }

    private List<String> messageIds() {
        return db.read(handle -> db.query(handle, "select id from messages where namespace = :ns and session = :session")
                .mapTo(String.class).list());
    }

    private List<Long> eventIds() {
        return db.read(handle -> db.query(handle, "select id from events where namespace = :ns and session = :session")
                .mapTo(Long.class).list());
    }

    private List<String> deliveryIds() {
        return db.read(handle -> db.query(handle,
                "select id from webhook_deliveries where namespace = :ns and session = :session").mapTo(String.class).list());
    }
}
