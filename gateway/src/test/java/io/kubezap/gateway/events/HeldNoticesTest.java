package io.kubezap.gateway.events;

import io.kubezap.gateway.GatewayDatabase;
import io.kubezap.gateway.auth.SessionSet;
import io.kubezap.schema.SessionSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 79, N2 follow-up: while a tenant keeps PostgreSQL's NOTIFY queue over half full, events are stored without
 * their notice (V96). The live feed must still hand them out. The queue is played full by the history's answer (a
 * real one takes 4 GiB of notifications), the missing notice by an insert with the table's notifying trigger off.
 */
class HeldNoticesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private EventFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.stop(null);
        }
    }

    @Test
    void anEventStoredWithoutItsNoticeWhileTheQueueIsHeldStillReachesTheLiveFeed() throws Exception {
        GatewayDatabase.url();
        var queueHeld = new EventHistory(null) {
            @Override
            boolean noticesHeld(Connection connection) {
                return true;
            }
        };
        feed = new EventFeed(() -> true, HeldNoticesTest::listenerConnection, queueHeld, LateCommitTest.buffer(100));
        Subscription live = feed.subscribe(SessionSet.everySession(), Set.of());
        feed.start(null);
        await().atMost(WAIT).until(feed::caughtUp);

        long unnoticed;
        try (Connection admin = GatewayDatabase.admin()) {
            // without the notice, as V96 stores it then; the trigger is off only inside this transaction
            admin.setAutoCommit(false);
            LateCommitTest.execute(admin, "alter table " + SessionSchema.EVENTS + " disable trigger events_notify");
            unnoticed = GatewayDatabase.event(admin, "shop", "held", "message.received", "{\"n\":1}");
            LateCommitTest.execute(admin, "alter table " + SessionSchema.EVENTS + " enable trigger events_notify");
            admin.commit();
        }

        FeedEvent handed = live.next(WAIT);
        assertThat(handed).as("the event stored without its notice").isNotNull()
                .extracting(FeedEvent::id).isEqualTo(unnoticed);
    }

    @Test
    void theGatewaysRoleMayAskHowFullTheQueueIs() throws Exception {
        GatewayDatabase.url();
        try (Connection gateway = listenerConnection()) {
            assertThat(new EventHistory(null).noticesHeld(gateway)).as("an empty queue holds nothing").isFalse();
        }
    }

    private static Connection listenerConnection() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        login.setProperty("password", "postgres");
        Connection connection = DriverManager.getConnection(GatewayDatabase.url(), login);
        LateCommitTest.execute(connection, "set role " + SessionSchema.GATEWAY_ROLE);
        return connection;
    }
}
