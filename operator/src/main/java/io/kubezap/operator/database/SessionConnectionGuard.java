package io.kubezap.operator.database;

import io.kubezap.schema.SessionSchema;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends the connections of session roles that hold the shared database hostage: a lock on a table stronger than a
 * writer's (LOCK TABLE; it would queue every tenant's writes, and migrations), any advisory lock (the migrations'
 * own), a transaction left idle or a statement running past this guard's limits, and, once the server's notification
 * queue is {@link #QUEUE_HELD} full, any that may be holding it (issue 68): a backend blocked writing to a client that
 * does not read (a LISTEN whose notifications pile up), or in a transaction open for longer than
 * {@link #QUEUE_HOLDING_TRANSACTION} (a listener reads nothing inside one). PostgreSQL shows no other backend's
 * LISTENs and no privilege guards LISTEN; at the queue's limit every NOTIFY, the events table's trigger included,
 * fails at commit, so every session's event inserts would. The role's own timeouts
 * ({@link SessionRoles}) end a well-behaved pod's statements first; a tenant with its role's credentials may turn
 * them off (SET is every role's right), which this check, run every {@link #INTERVAL}, does not let it keep. The same
 * holds for the one server role behind a pooler, whose own defaults it also puts back (record 0020).
 * Needs the admin to see and signal other roles' backends (pg_read_all_stats, pg_signal_backend; a superuser has
 * both); without them it ends nothing and says so once.
 */
@ApplicationScoped
public class SessionConnectionGuard {

    static final Duration INTERVAL = Duration.ofSeconds(5);
    private static final Duration END_WAIT = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(SessionConnectionGuard.class);
    /**
     * How full the server's notification queue (one for every database) may be before session-role backends that could
     * be holding it are ended: far above what the admin's and the gateway's listeners, which read at once, ever leave.
     */
    static final double QUEUE_HELD = 0.01;
    /** How long a session role's transaction may stay open while {@link #QUEUE_HELD} is passed (a listener in it reads nothing). */
    public static final Duration QUEUE_HOLDING_TRANSACTION = Duration.ofSeconds(10);
    private static final String OFFENDERS = """
            select a.pid, a.usename,
                   case when pg_notification_queue_usage() >= %1$s and (a.wait_event = 'ClientWrite'
                                     or a.xact_start < clock_timestamp() - interval '%2$d milliseconds')
                        then 'may have held the notification queue: a listener reading none of its notifications'
                        when exists (select from pg_locks l where l.pid = a.pid and (l.locktype = 'advisory'
                                     or l.locktype = 'relation' and l.mode not in ('AccessShareLock', 'RowShareLock', 'RowExclusiveLock')))
                        then 'held or awaited a table or advisory lock'
                        when a.state like 'idle in transaction%%' then 'left a transaction idle too long'
                        else 'ran one statement too long' end
            from pg_stat_activity a
            where a.usename in (select role_name from session_roles union all select role_name from namespace_roles
                                union all select '%3$s')
              and a.pid <> pg_backend_pid()
              and (exists (select from pg_locks l where l.pid = a.pid and (l.locktype = 'advisory'
                           or l.locktype = 'relation' and l.mode not in ('AccessShareLock', 'RowShareLock', 'RowExclusiveLock')))
                   or a.state like 'idle in transaction%%' and a.state_change < clock_timestamp() - ? * interval '1 millisecond'
                   or a.state = 'active' and a.query_start < clock_timestamp() - ? * interval '1 millisecond'
                   or pg_notification_queue_usage() >= %1$s and (a.wait_event = 'ClientWrite'
                          or a.xact_start < clock_timestamp() - interval '%2$d milliseconds'))""".formatted(
            QUEUE_HELD, QUEUE_HOLDING_TRANSACTION.toMillis(), SessionSchema.POOLED_SERVER_ROLE);
    private static final String RESTORE_POOLED_DEFAULTS = "select kubezap_pooled_restore_defaults()";

    private final AdminDatabase admin;
    private final Duration idleLimit;
    private final Duration statementLimit;
    private ScheduledExecutorService schedule;
    private volatile boolean warned;

    @Inject
    public SessionConnectionGuard(AdminDatabase admin) {
        this(admin, Duration.ofMinutes(2), Duration.ofMinutes(2));
    }

    public SessionConnectionGuard(AdminDatabase admin, Duration idleLimit, Duration statementLimit) {
        this.admin = admin;
        this.idleLimit = idleLimit;
        this.statementLimit = statementLimit;
    }

    void start(@Observes StartupEvent started) {
        schedule = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("session-connection-guard").factory());
        schedule.scheduleWithFixedDelay(this::enforceQuietly, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (schedule != null) {
            schedule.shutdownNow();
        }
    }

    /** Ends every offending session-role connection now; how many were ended. */
    public int enforce() throws SQLException {
        return admin.use(connection -> {
            int ended = 0;
            try (PreparedStatement offenders = connection.prepareStatement(OFFENDERS)) {
                offenders.setLong(1, idleLimit.toMillis());
                offenders.setLong(2, statementLimit.toMillis());
                try (ResultSet rows = offenders.executeQuery()) {
                    while (rows.next()) {
                        if (terminate(connection, rows.getInt(1))) {
                            ended++;
                            LOG.warnf("ended a connection of database role %s: it %s", rows.getString(2), rows.getString(3));
                        }
                    }
                }
            }
            if (ended > 0) {
                releaseNotificationQueue(connection);
            }
            restorePooledDefaults(connection);
            return ended;
        });
    }

    /**
     * Moves the notification queue's tail past what an ended listener held: PostgreSQL does so otherwise only when a
     * listener reads or a NOTIFY fills a few pages, and at the queue's limit no NOTIFY gets that far.
     */
    private static void releaseNotificationQueue(java.sql.Connection connection) throws SQLException {
        try (PreparedStatement release = connection.prepareStatement("select pg_notification_queue_usage()")) {
            release.executeQuery().close();
        }
    }

    /**
     * Tenants' SQL behind a pooler runs as {@value SessionSchema#POOLED_SERVER_ROLE}, which may set its own defaults
     * for every namespace's later server logins (record 0020). The pooler's connect query puts them back at each login;
     * this puts them back whatever pooler is in front, and says so.
     */
    private static void restorePooledDefaults(java.sql.Connection connection) throws SQLException {
        try (PreparedStatement restore = connection.prepareStatement(RESTORE_POOLED_DEFAULTS);
             ResultSet restored = restore.executeQuery()) {
            if (restored.next() && restored.getBoolean(1)) {
                LOG.warnf("database role %s had defaults it was not given (a tenant behind the pooler set them): put back",
                        SessionSchema.POOLED_SERVER_ROLE);
            }
        }
    }

    private boolean terminate(java.sql.Connection connection, int pid) {
        // waits for the backend to be gone (what it held is then free), at most END_WAIT
        try (PreparedStatement end = connection.prepareStatement("select pg_terminate_backend(?, " + END_WAIT.toMillis() + ")")) {
            end.setInt(1, pid);
            try (ResultSet row = end.executeQuery()) {
                return row.next() && row.getBoolean(1);
            }
        } catch (SQLException notAllowed) {
            if (!warned) {
                warned = true;
                LOG.warnf("cannot end session roles' connections (%s): grant the admin pg_signal_backend", notAllowed.getMessage());
            }
            return false;
        }
    }

    private void enforceQuietly() {
        try {
            enforce();
        } catch (SQLException | RuntimeException unavailable) {
            LOG.debugf("session connection guard skipped: %s", unavailable.getMessage());
        }
    }
}
