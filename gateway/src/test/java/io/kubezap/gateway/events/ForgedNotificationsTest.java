package io.kubezap.gateway.events;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubezap.gateway.GatewayDatabase;
import io.kubezap.gateway.SessionPodStandIn;
import io.kubezap.gateway.Sessions;
import io.kubezap.gateway.database.Database;
import io.kubezap.schema.NotificationChannels;
import io.kubezap.schema.SessionSchema;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 35, item 4: any role that may log in to the shared database may NOTIFY a channel it can name (PostgreSQL has no
 * privilege for it). Since issue 68 the feed's channel has a secret name (migration V84), which no session role can
 * read; should it leak all the same, junk and forged ids sent there must neither stop the feed nor make it skip the
 * events that follow, for every tenant, nor hand the same event twice.
 */
@QuarkusTest
@WithKubernetesTestServer
@WithTestResource(SessionPodStandIn.class)
@WithTestResource(GatewayDatabase.class)
class ForgedNotificationsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(700);

    @Inject
    KubernetesClient client;

    @TestHTTPResource("/api/v1/events/stream")
    URI stream;

    @BeforeEach
    void keys() {
        new Sessions(client).actAsAdmin();
    }

    @Test
    void junkAndForgedIdsNeitherStopTheFeedNorMakeItSkipOrRepeatEvents() throws Exception {
        try (StreamClient feed = StreamClient.sse(URI.create(stream + "?namespace=victims"),
                Map.of("X-Api-Key", Sessions.ADMIN_KEY))) {
            long first = GatewayDatabase.event("victims", "loja", "message.received", "{\"n\":1}");
            assertThat(feed.next(WAIT).id()).isEqualTo(Long.toString(first));

            tenantNotifies("9223372036854775807");
            long second = GatewayDatabase.event("victims", "loja", "message.received", "{\"n\":2}");
            assertThat(feed.next(WAIT).id()).isEqualTo(Long.toString(second));

            tenantNotifies("junk", "-1", "", Long.toString(first));
            long third = GatewayDatabase.event("victims", "loja", "message.received", "{\"n\":3}");
            assertThat(feed.next(WAIT).id()).as("live after junk, without a replay of " + first)
                    .isEqualTo(Long.toString(third));

            endTheFeedsConnection();
            long missed = GatewayDatabase.event("victims", "loja", "message.received", "{\"n\":4}");
            assertThat(feed.next(WAIT)).as("caught up after a lost connection, not from a forged id").isNotNull()
                    .satisfies(received -> assertThat(received.id()).isEqualTo(Long.toString(missed)));
            assertThat(feed.next(QUIET)).isNull();
        }
    }

    /** As whoever learnt the channel's name would: no grant is needed for the NOTIFY statement. */
    private static void tenantNotifies(String... payloads) throws SQLException {
        try (Connection admin = GatewayDatabase.admin(); Statement statement = admin.createStatement()) {
            String channel = NotificationChannels.name(admin, SessionSchema.EVENTS_CHANNEL);
            for (String payload : payloads) {
                statement.execute("notify \"" + channel + "\", '" + payload.replace("'", "''") + "'");
            }
        }
    }

    private static void endTheFeedsConnection() throws SQLException {
        try (Connection admin = GatewayDatabase.admin(); Statement statement = admin.createStatement()) {
            statement.execute("select pg_terminate_backend(pid) from pg_stat_activity where application_name = '"
                    + Database.LISTENER_NAME + "'");
        }
    }
}
