package io.kubezap.session.stream;

import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.testing.EmbeddedPostgresResource;
import io.kubezap.session.webhook.WebhookTestProfile;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event ids come from a sequence drawn inside the writer's transaction, so ids do not commit in order: a transaction
 * that drew a smaller id may commit after a client read a larger one. The stream must still send that event, once.
 * Shares the webhook suite's profile, so it runs in the same application start as {@link EventStreamTest}.
 */
@QuarkusTest
@TestProfile(WebhookTestProfile.class)
@QuarkusTestResource(EmbeddedPostgresResource.class)
class LateCommitStreamTest {

    /** A type no feature records, so the streams below see only this test's events. */
    private static final String TYPE = "test.late-commit";
    /** The streams' page, KUBEZAP_EVENTS_STREAM_PAGE_SIZE's default. */
    private static final int PAGE_SIZE = 100;

    @TestHTTPResource("/api/v1/sessions/loja-01/events/stream")
    URI stream;

    @Inject
    SessionSettings session;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String databaseUrl;

    private final HttpClient http = HttpClient.newHttpClient();

    /**
     * Writers on connections of their own, outside the pod's small pool; the stream reads again at each heartbeat (1 s
     * in this profile), so it needs no wake-up from them. Every write of a session also updates its storage counter
     * (V78), which orders its writers once they reach it: the race is between drawing the id (the insert's default,
     * before its triggers) and reaching the counter. Writer A is held right there: it draws its id first, then B
     * writes and commits, then A inserts with the id it drew.
     */
    @Test
    void anEventWhoseTransactionCommitsAfterALaterOneIsStillSentOnceLiveAndToAResumedStream() throws Exception {
        recordAhead();
        try (SseSubscription live = subscribe(null); Connection writerA = connect()) {
            writerA.setAutoCommit(false);
            long a = drawId(writerA);

            String later = "later " + UUID.randomUUID();
            try (Connection writerB = connect()) {
                assertThat(record(writerB, null, later)).isGreaterThan(a);
            }
            SseSubscription.SseEvent b = live.next();
            assertThat(b.data()).as("writer B's event, committed first").contains(later);

            try (SseSubscription resumed = subscribe(b.id())) {
                String early = "early " + UUID.randomUUID();
                record(writerA, a, early);
                writerA.commit();

                SseSubscription.SseEvent late = live.next();
                assertThat(late.data()).as("writer A's event, committed after B's was sent").contains(early);
                assertThat(late.id()).as("the SSE id stays where the client resumes: after B").isEqualTo(b.id());
                assertThat(resumed.next().data()).as("a stream resumed after B gets A too").contains(early);

                String next = "next " + UUID.randomUUID();
                try (Connection writerC = connect()) {
                    record(writerC, null, next);
                }
                assertThat(live.next().data()).as("A was sent once; then the next event").contains(next);
                assertThat(resumed.next().data()).contains(next);
            }
        }
    }

    /**
     * A page's worth of the session's events dated an hour ahead (of another type, so the streams do not show them): an
     * event's time is WhatsApp's (a message's timestamp, a phone's clock), not the order of ids or commits, so the late
     * event must be found among the newest ids, not the newest times.
     */
    private void recordAhead() throws SQLException {
        try (Connection writer = connect(); PreparedStatement insert = writer.prepareStatement("""
                insert into events (namespace, session, type, payload, occurred_at)
                select ?, ?, 'test.clock-ahead', '{}', now() + interval '1 hour' from generate_series(1, ?)""")) {
            insert.setString(1, session.namespace());
            insert.setString(2, session.name());
            insert.setInt(3, PAGE_SIZE);
            insert.executeUpdate();
        }
    }

    /** What an insert's default does first: the next id of the events' sequence. */
    private static long drawId(Connection writer) throws SQLException {
        try (PreparedStatement draw = writer.prepareStatement("select nextval(pg_get_serial_sequence('events', 'id'))");
             ResultSet id = draw.executeQuery()) {
            id.next();
            return id.getLong(1);
        }
    }

    /** Inserts an event of this session, with {@code id} when not null (else drawn now), and returns its id. */
    private long record(Connection writer, Long id, String text) throws SQLException {
        try (PreparedStatement insert = writer.prepareStatement("""
                insert into events (id, namespace, session, type, payload, occurred_at)
                values (coalesce(?, nextval(pg_get_serial_sequence('events', 'id'))), ?, ?, ?,
                        jsonb_build_object('text', ?::text), now()) returning id""")) {
            insert.setObject(1, id, java.sql.Types.BIGINT);
            insert.setString(2, session.namespace());
            insert.setString(3, session.name());
            insert.setString(4, TYPE);
            insert.setString(5, text);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(databaseUrl, "postgres", "postgres");
    }

    private SseSubscription subscribe(Long lastEventId) throws Exception {
        return SseSubscription.open(http, URI.create(stream + "?type=" + TYPE), lastEventId);
    }
}
