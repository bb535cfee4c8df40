package io.kubezap.operator.security;

import io.kubezap.operator.database.AdminCredentials;
import io.kubezap.operator.database.AdminDatabase;
import io.kubezap.operator.database.MigratedDatabase;
import io.kubezap.operator.database.SessionConnectionGuard;
import io.kubezap.operator.database.SessionRoles;
import io.kubezap.operator.database.TenantLogins;
import io.kubezap.operator.database.Sql;
import io.kubezap.schema.NotificationChannels;
import io.kubezap.schema.SessionSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 68, item 2: PostgreSQL's NOTIFY queue is one for the whole server and no privilege guards a channel. A tenant
 * logged in with its session's own role (its credentials are in its namespace) listens without reading while it fills
 * the queue, so that every NOTIFY, the events table's trigger included, fails at commit, and every session's event
 * inserts with it; or it listens where the sessions' notifications go and learns their activity. Real PostgreSQL, on a
 * server of its own whose queue is small (max_notify_queue_pages: 64 pages of 8 KiB, the least PostgreSQL takes; 8 GiB
 * by default, which the same attack fills in minutes).
 */
class NotificationQueueAttackTest {

    private static final String NS = "noisy";
    private static final AdminCredentials SERVER = MigratedDatabase.separateServer(Map.of("max_notify_queue_pages", "64"));
    private static final AdminDatabase ADMIN = new AdminDatabase(() -> SERVER);
    private static final SessionRoles ROLES = new SessionRoles(ADMIN);
    private static final String PAYLOAD = "x".repeat(7900);

    @BeforeAll
    static void tenants() {
        for (String session : List.of("attacker", "victim", "eavesdropper")) {
            TenantLogins.ensure(ROLES, NS, session);
        }
    }

    @Test
    void aSessionRoleCannotNotifyDirectlyNorForAnotherSession() throws SQLException {
        try (Connection attacker = as("attacker")) {
            assertThatThrownBy(() -> Sql.execute(attacker, "select pg_notify('kubezap_events', '1')"))
                    .hasMessageContaining("permission denied for function pg_notify");
            assertThatThrownBy(() -> notifyStateChange(attacker, NS, "victim"))
                    .hasMessageContaining("tells of its own session's state changes only");
            notifyStateChange(attacker, NS, "attacker"); // its own: what its pod does
        }
    }

    @Test
    void aListenerThatNeverReadsCannotStopOtherSessionsEvents() throws SQLException {
        try (Connection stuck = as("attacker"); Connection flooder = as("attacker"); Connection victim = as("victim")) {
            Sql.execute(stuck, "listen noise"); // and never reads again
            int pid = Integer.parseInt(Sql.strings(stuck, "select pg_backend_pid()").getFirst());
            String refused = flood(flooder);
            assertThat(refused).as("the queue filled up").contains("too many notifications in the NOTIFY queue");

            // the guard runs every few seconds: the stuck backend is caught once it waits on its client (ClientWrite)
            SessionConnectionGuard guard = new SessionConnectionGuard(ADMIN);
            AtomicInteger ended = new AtomicInteger();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ended.addAndGet(guard.enforce()) > 0);

            assertThat(ended.get()).as("backends the guard ended").isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> !running(pid));
            long id = event(victim, "victim"); // before the fix: too many notifications in the NOTIFY queue
            assertThat(Sql.strings(victim, "select count(*) from events where id = " + id)).containsExactly("1");
        }
    }

    /**
     * Issue 79, N2 follow-up: other tenants' writes do not rest on the guard running. With no guard at all, a tenant
     * fills the queue behind a listener of its own and keeps it full; another session still stores its event and tells
     * of its state change (both without their notice, the queue being over half full).
     */
    @Test
    void withNoGuardRunningAQueueATenantFilledStopsNoOtherSessionsWrites() throws SQLException {
        try (Connection stuck = as("attacker"); Connection flooder = as("attacker"); Connection victim = as("victim")) {
            Sql.execute(stuck, "listen noise"); // and never reads again
            assertThat(flood(flooder)).as("the queue filled up").contains("too many notifications in the NOTIFY queue");

            long id = event(victim, "victim"); // before: too many notifications in the NOTIFY queue
            assertThat(Sql.strings(victim, "select count(*) from events where id = " + id)).containsExactly("1");
            notifyStateChange(victim, NS, "victim");
            assertThat(flood(flooder)).as("the queue is still full: nothing ended the listener")
                    .contains("too many notifications in the NOTIFY queue");
        }
    }

    /**
     * Each test floods a queue that no earlier test's listener still holds. An ended listener's backend exits a moment
     * after its client closed it or the guard ended it; until then the queue stays full, and a test flooding it would
     * find it full before its own listener held anything (the guard then rightly ends none: seen in a whole-suite run).
     * With the listener gone, the queue's tail moves on when a backend asks how full it is (as the guard does).
     */
    @BeforeEach
    void aQueueNoListenerHolds() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            try (Connection admin = admin()) {
                return Double.parseDouble(Sql.strings(admin, "select pg_notification_queue_usage()").getFirst()) == 0;
            }
        });
    }

    @Test
    void aListenerThatKeepsATransactionOpenIsEndedOnceTheQueueFills() throws Exception {
        try (Connection stuck = as("attacker"); Connection flooder = as("attacker"); Connection victim = as("victim")) {
            Sql.execute(stuck, "set idle_in_transaction_session_timeout = 0");
            Sql.execute(stuck, "listen noise");
            stuck.setAutoCommit(false);
            Sql.strings(stuck, "select 1"); // a listener reads nothing while its transaction is open
            int pid = Integer.parseInt(Sql.strings(stuck, "select pg_backend_pid()").getFirst());
            assertThat(flood(flooder)).as("the queue filled up").contains("too many notifications in the NOTIFY queue");
            Thread.sleep(SessionConnectionGuard.QUEUE_HOLDING_TRANSACTION.plusSeconds(1).toMillis());

            assertThat(new SessionConnectionGuard(ADMIN).enforce()).as("backends the guard ended").isEqualTo(1);

            await().atMost(Duration.ofSeconds(10)).until(() -> !running(pid));
            long id = event(victim, "victim");
            assertThat(Sql.strings(victim, "select count(*) from events where id = " + id)).containsExactly("1");
        }
    }

    @Test
    void anotherTenantHearsNothingOfASessionsActivity() throws SQLException {
        try (Connection eavesdropper = as("eavesdropper"); Connection victim = as("victim"); Connection operator = admin()) {
            Sql.execute(eavesdropper, "listen " + SessionSchema.EVENTS_CHANNEL);
            Sql.execute(eavesdropper, "listen " + SessionSchema.STATE_CHANNEL);
            event(victim, "victim");
            assertThat(heard(eavesdropper, 1)).as("what another tenant heard").isEmpty(); // before the fix: the event's id

            assertThatThrownBy(() -> NotificationChannels.name(eavesdropper, SessionSchema.EVENTS_CHANNEL))
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> Sql.strings(eavesdropper, "select channel from notification_channels"))
                    .hasMessageContaining("permission denied");
            NotificationChannels.listen(operator, SessionSchema.EVENTS_CHANNEL);
            NotificationChannels.listen(operator, SessionSchema.STATE_CHANNEL);
            long id = event(victim, "victim");
            notifyStateChange(victim, NS, "victim");

            assertThat(heard(operator, 2)).as("the admin hears both").containsExactlyInAnyOrder(Long.toString(id), NS + "/victim");
            assertThat(heard(eavesdropper, 1)).as("what another tenant heard").isEmpty();
        }
    }

    /** NOTIFY statements (they need no privilege) onto the stuck listener's channel until the queue refuses one. */
    private static String flood(Connection flooder) {
        for (int i = 0; i < 10_000; i++) {
            try {
                Sql.execute(flooder, "notify noise, '" + i + PAYLOAD + "'");
            } catch (SQLException refused) {
                return refused.getMessage();
            }
        }
        return "";
    }

    private static List<String> heard(Connection listener, int expected) throws SQLException {
        List<String> payloads = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (payloads.size() < expected + 1 && System.nanoTime() < deadline) {
            PGNotification[] arrived = listener.unwrap(PGConnection.class).getNotifications(200);
            for (PGNotification notification : arrived == null ? new PGNotification[0] : arrived) {
                payloads.add(notification.getParameter());
            }
        }
        return payloads;
    }

    private static void notifyStateChange(Connection connection, String namespace, String session) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("select " + SessionSchema.NOTIFY_STATE_CHANGE + "(?, ?)")) {
            notify.setString(1, namespace);
            notify.setString(2, session);
            notify.execute();
        }
    }

    private static long event(Connection connection, String session) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("insert into events (namespace, session, type, payload,"
                + " occurred_at) values (?, ?, 'message.received', '{}', now()) returning id")) {
            insert.setString(1, NS);
            insert.setString(2, session);
            try (var row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static boolean running(int pid) throws SQLException {
        try (Connection admin = admin()) {
            return !Sql.strings(admin, "select pid from pg_stat_activity where pid = " + pid).isEmpty();
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection(SERVER.jdbcUrl(), SERVER.username(), SERVER.password());
    }

    private static Connection as(String session) throws SQLException {
        return TenantLogins.connect(SERVER.jdbcUrl(), NS, session);
    }
}
