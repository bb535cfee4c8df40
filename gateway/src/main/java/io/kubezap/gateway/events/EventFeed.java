package io.kubezap.gateway.events;

import io.kubezap.contract.stream.EventCursor;
import io.kubezap.contract.stream.OpenTransactions;
import io.kubezap.gateway.auth.SessionSet;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.database.Database;
import io.kubezap.schema.NotificationChannels;
import io.kubezap.schema.SessionSchema;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The live feed of every session's events, one per gateway replica: it LISTENs on the channel the events table's
 * trigger notifies, reads the new events in one query per batch of notifications (none while nobody is subscribed)
 * and hands each to the subscriptions that want it. After a lost connection it reads what it missed, and so it does
 * every second while the NOTIFY queue is too full for events to be notified (a tenant filling it, V96).
 */
@ApplicationScoped
public class EventFeed {

    private static final Logger LOG = Logger.getLogger(EventFeed.class);
    private static final int CATCH_UP_PAGE = 1000;

    private final BooleanSupplier configured;
    private final ListenerConnections connections;
    private final EventHistory history;
    private final GatewayConfig config;
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private volatile boolean running;
    private volatile boolean caughtUp;
    private Thread listener;
    private long lastSeen = -1;
    /** Transactions open at the last catch-up: any event below {@code lastSeen} not handed out was written by one. */
    private OpenTransactions open;
    private final NotifiedIds notified = new NotifiedIds();

    /** Where the feed gets the connection it listens on (its own, outside the pool). */
    @FunctionalInterface
    interface ListenerConnections {
        Connection open() throws SQLException;
    }

    @Inject
    EventFeed(Database database, EventHistory history, GatewayConfig config) {
        this(() -> database.configured(), () -> database.listenerConnection(), history, config);
    }

    EventFeed(BooleanSupplier configured, ListenerConnections connections, EventHistory history, GatewayConfig config) {
        this.configured = configured;
        this.connections = connections;
        this.history = history;
        this.config = config;
    }

    void start(@Observes StartupEvent started) {
        if (configured.getAsBoolean()) {
            running = true;
            listener = Thread.ofPlatform().daemon().name("event-feed").start(this::listen);
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** Events recorded from now on that are in {@code sessions} and of {@code types} (empty: all). */
    Subscription subscribe(SessionSet sessions, Set<String> types) {
        Subscription subscription = new Subscription(sessions, types, config.streamBuffer());
        subscriptions.add(subscription);
        return subscription;
    }

    /** True while the feed listens and has read what it missed: from then on every event committed reaches it. */
    boolean caughtUp() {
        return caughtUp;
    }

    void unsubscribe(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    private void listen() {
        while (running) {
            try (Connection connection = connections.open()) {
                NotificationChannels.listen(connection, SessionSchema.EVENTS_CHANNEL);
                catchUp(connection);
                caughtUp = true;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] batch = notifications.getNotifications(1000);
                    if (batch != null && batch.length > 0) {
                        deliver(connection, NotifiedIds.parse(batch));
                    } else if (!subscriptions.isEmpty() && history.noticesHeld(connection)) {
                        catchUp(connection);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                caughtUp = false;
                if (running) {
                    LOG.warnf("event feed: %s; listening again in 2 s", e.getMessage());
                    pause();
                }
            }
        }
    }

    /**
     * Hands out the notified events the table holds and that were not handed out before; only those move
     * {@code lastSeen}, so a forged id cannot make a later catch-up skip anything. With nobody subscribed nothing is
     * read and the next catch-up starts from the newest event, as at the first start.
     */
    private void deliver(Connection connection, long[] ids) throws SQLException {
        if (subscriptions.isEmpty()) {
            lastSeen = -1;
            return;
        }
        long[] fresh = Arrays.stream(ids).filter(notified::isNew).toArray();
        while (fresh.length > 0) {
            List<FeedEvent> page = history.byIds(connection, fresh);
            long highest = page.stream().mapToLong(FeedEvent::id).max().orElse(Long.MAX_VALUE);
            for (FeedEvent event : page) {
                hand(event);
                lastSeen = Math.max(lastSeen, event.id());
            }
            fresh = Arrays.stream(fresh).filter(id -> id > highest).toArray();
        }
    }

    /**
     * At the first start, or with nobody subscribed: from the newest event on. After a lost connection: everything
     * recorded meanwhile, above the last id seen and, below it, what transactions open at the last catch-up committed
     * since (ids are drawn before commit, so a late commit has a smaller id). Runs after LISTEN: a transaction open
     * now commits later, and is notified.
     */
    private void catchUp(Connection connection) throws SQLException {
        OpenTransactions now = history.openTransactions(connection);
        if (lastSeen < 0 || subscriptions.isEmpty()) {
            lastSeen = history.latestId(connection);
        } else {
            deliver(connection, history.committedSince(connection, new EventCursor(lastSeen, open), now,
                    NotifiedIds.REMEMBERED));
            List<FeedEvent> missed;
            do { // a page is bounded by bytes too: only an empty one is the end
                missed = history.after(connection, lastSeen, SessionSet.everySession(), Set.of(), CATCH_UP_PAGE);
                missed.stream().filter(event -> notified.isNew(event.id())).forEach(this::hand);
                lastSeen = missed.isEmpty() ? lastSeen : missed.getLast().id();
            } while (!missed.isEmpty());
        }
        open = now;
    }

    /** Gives an event to every subscription that wants it. */
    void hand(FeedEvent event) {
        notified.handedOut(event.id());
        subscriptions.forEach(subscription -> subscription.offer(event));
    }

    private static void pause() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
