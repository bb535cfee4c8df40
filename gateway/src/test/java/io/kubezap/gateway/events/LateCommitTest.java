package io.kubezap.gateway.events;

import io.kubezap.gateway.GatewayDatabase;
import io.kubezap.gateway.auth.SessionSet;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.database.Database;
import io.kubezap.schema.SessionSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * PostgreSQL draws event ids from a sequence, which is not commit-ordered: a transaction that drew a smaller id may
 * commit after one with a larger id. When that late commit falls while the feed's LISTEN connection is down, its
 * notification is lost, and a catch-up that reads only ids above the last one seen skips the event for good.
 */
class LateCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    /** An advisory lock the feed's reconnection waits on while the test holds it (the test's own key). */
    private static final long GATE = 6904;
    /** This test's feed in pg_stat_activity, apart from the feed of a gateway another test class started. */
    private static final String LISTENER = Database.LISTENER_NAME + "-late-commit";

    private EventFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.stop(null);
        }
    }

    @Test
    void anEventThatCommitsLateWithASmallerIdWhileTheFeedIsDisconnectedIsStillHandedOut() throws Exception {
        GatewayDatabase.url(); // the server is up before the feed's first wait
        feed = new EventFeed(() -> true, LateCommitTest::gatedListenerConnection, new EventHistory(null), buffer(100));
        Subscription live = feed.subscribe(SessionSet.everySession(), Set.of());
        feed.start(null);
        await().atMost(WAIT).until(feed::caughtUp);

        try (Connection late = GatewayDatabase.admin(); Connection gate = GatewayDatabase.admin()) {
            late.setAutoCommit(false);
            long smaller = GatewayDatabase.event(late, "shop", "late", "message.received", "{\"n\":1}");
            long larger = GatewayDatabase.event("shop", "early", "message.received", "{\"n\":2}");
            assertThat(larger).isGreaterThan(smaller);
            assertThat(live.next(WAIT)).as("the early commit, live").extracting(FeedEvent::id).isEqualTo(larger);

            execute(gate, "select pg_advisory_lock(" + GATE + ")");
            endTheFeedsConnection();
            // the feed is reconnecting and held at the gate: its old connection is gone, its new one not listening yet
            await().atMost(WAIT).until(LateCommitTest::feedWaitsOnALock);
            late.commit();
            execute(gate, "select pg_advisory_unlock(" + GATE + ")");

            FeedEvent caughtUp = live.next(WAIT);
            assertThat(caughtUp).as("the late commit, caught up after the reconnection").isNotNull()
                    .extracting(FeedEvent::id).isEqualTo(smaller);
            long after = GatewayDatabase.event("shop", "early", "message.received", "{\"n\":3}");
            assertThat(live.next(WAIT)).as("live again, nothing handed twice").extracting(FeedEvent::id).isEqualTo(after);
        }
    }

    /**
     * The feed's connection as the chart has it (the gateway's role), which first passes the test's gate: held, it
     * waits on the lock before it can LISTEN.
     */
    private static Connection gatedListenerConnection() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        login.setProperty("password", "postgres");
        login.setProperty("ApplicationName", LISTENER);
        Connection connection = DriverManager.getConnection(GatewayDatabase.url(), login);
        execute(connection, "select pg_advisory_lock_shared(" + GATE + ")");
        execute(connection, "select pg_advisory_unlock_shared(" + GATE + ")");
        execute(connection, "set role " + SessionSchema.GATEWAY_ROLE);
        return connection;
    }

    private static boolean feedWaitsOnALock() throws SQLException {
        try (Connection admin = GatewayDatabase.admin(); PreparedStatement query = admin.prepareStatement(
                "select count(*) from pg_stat_activity where application_name = ? and wait_event_type = 'Lock'")) {
            query.setString(1, LISTENER);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1) > 0;
            }
        }
    }

    private static void endTheFeedsConnection() throws SQLException {
        try (Connection admin = GatewayDatabase.admin(); PreparedStatement statement = admin.prepareStatement(
                "select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?")) {
            statement.setString(1, LISTENER);
            statement.execute();
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The feed's settings: a stream buffer of {@code events}. */
    static GatewayConfig buffer(int events) {
        return (GatewayConfig) Proxy.newProxyInstance(GatewayConfig.class.getClassLoader(),
                new Class<?>[]{GatewayConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "streamBuffer" -> events;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
