package io.kubezap.operator.polling;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.kubezap.operator.database.AdminCredentials;
import io.kubezap.operator.database.AdminCredentialsSource;
import io.kubezap.schema.NotificationChannels;
import io.kubezap.schema.SessionSchema;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The session pods' word that their state changed: one admin connection, straight to the server (LISTEN needs a
 * session of its own, which a pooler in transaction mode does not give), listening on
 * the {@value SessionSchema#STATE_CHANNEL} channel (its secret name, {@link NotificationChannels}), on one thread of its own that waits on the database only, never on a pod. Each
 * notification names a session ({@link #sessionNamed}), handed to {@code notified}; what cannot name one is ignored
 * (no privilege guards a channel: whoever learnt its name may send anything there). Notifications sent while the connection is
 * down are lost, so each time the listening (re)starts {@code listening} runs, for the poller to ask every pod once.
 * A lost connection is opened again after a pause that doubles from {@link #FIRST_PAUSE} to {@link #LAST_PAUSE}; one
 * quiet for {@link #CHECK_EVERY} is checked, so a half-open connection (a partitioned server) is found too.
 */
final class StateNotifications {

    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LAST_PAUSE = Duration.ofSeconds(30);
    static final Duration CHECK_EVERY = Duration.ofSeconds(15);
    private static final int CHECK_TIMEOUT_SECONDS = 10;
    private static final Logger LOG = Logger.getLogger(StateNotifications.class);

    private final AdminCredentialsSource credentials;
    private final Consumer<ResourceID> notified;
    private final Runnable listening;
    private volatile boolean running;
    private volatile boolean connected;
    private volatile Connection current;
    private Thread thread;

    StateNotifications(AdminCredentialsSource credentials, Consumer<ResourceID> notified, Runnable listening) {
        this.credentials = credentials;
        this.notified = notified;
        this.listening = listening;
    }

    synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("session-state-listener").daemon().start(this::listenUntilStopped);
    }

    synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
        closeQuietly(current);
    }

    /** Whether notifications arrive now: while not, the poller keeps its shorter intervals. */
    boolean listening() {
        return connected;
    }

    /** The session a payload names ({@code <namespace>/<name>}), if it names one. */
    static Optional<ResourceID> sessionNamed(String payload) {
        int slash = payload == null ? -1 : payload.indexOf('/');
        if (slash <= 0 || slash == payload.length() - 1 || payload.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new ResourceID(payload.substring(slash + 1), payload.substring(0, slash)));
    }

    private void listenUntilStopped() {
        Duration pause = FIRST_PAUSE;
        boolean warned = false;
        while (running) {
            try {
                listen();
            } catch (SQLException | RuntimeException lost) {
                if (!running) {
                    return;
                }
                if (connected || !warned) {
                    LOG.warnf("not listening for session pods' state changes (%s); polling them on their intervals, trying again",
                            lost.getMessage());
                    warned = true;
                } else {
                    LOG.debugf("still not listening for session pods' state changes (%s); trying again in %s", lost.getMessage(), pause);
                }
                if (connected) {
                    pause = FIRST_PAUSE;
                }
            } finally {
                connected = false;
                closeQuietly(current);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException stopping) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(LAST_PAUSE) > 0 ? LAST_PAUSE : pause.multipliedBy(2);
        }
    }

    private void listen() throws SQLException {
        current = connect();
        NotificationChannels.listen(current, SessionSchema.STATE_CHANNEL);
        connected = true;
        LOG.infof("listening for session pods' state changes on %s", SessionSchema.STATE_CHANNEL);
        listening.run();
        PGConnection notifications = current.unwrap(PGConnection.class);
        while (running) {
            PGNotification[] arrived = notifications.getNotifications((int) CHECK_EVERY.toMillis());
            if (arrived == null || arrived.length == 0) {
                if (!current.isValid(CHECK_TIMEOUT_SECONDS)) {
                    throw new SQLException("the listening connection stopped answering");
                }
                continue;
            }
            for (PGNotification notification : arrived) {
                sessionNamed(notification.getParameter()).ifPresentOrElse(notified,
                        () -> LOG.debugf("ignored a state notification naming no session: %s", notification.getParameter()));
            }
        }
    }

    private Connection connect() throws SQLException {
        AdminCredentials admin = credentials.current();
        Properties properties = new Properties();
        properties.setProperty("user", admin.username());
        properties.setProperty("password", admin.password());
        properties.setProperty("ApplicationName", "kubezap-operator-state-listener");
        properties.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(admin.jdbcUrl(), properties);
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException alreadyBroken) {
                // nothing to give back
            }
        }
    }
}
