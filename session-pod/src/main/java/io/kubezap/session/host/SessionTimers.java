package io.kubezap.session.host;

import io.kubezap.session.host.scope.SessionKeys;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The JVM's one timer thread for the sessions' periodic work (retention, media retention, the storage quota, the
 * stalled-reconnect watchdog): each session sets its own timers, at its own intervals, when it starts, each turn runs
 * under that session's name, and its timers end when it stops. One thread, not one per session and timer: a turn is a
 * few short transactions or a directory listing, so a host's sessions taking their turns one after another costs them
 * little, and the database never sees one host prune many sessions at once.
 */
@Singleton
public class SessionTimers {

    private static final Logger LOG = Logger.getLogger(SessionTimers.class);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kubezap-session-timers").daemon().factory());
    private final Map<String, List<ScheduledFuture<?>>> bySession = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} after {@code first}, then {@code every} after each turn ends, serving the session named here,
     * until that session {@link #stop stops}. A turn that fails is logged ({@code what} names it); the next one runs.
     */
    public void every(String what, Duration first, Duration every, Runnable work) {
        String session = SessionKeys.naming();
        ScheduledFuture<?> timer = scheduler.scheduleWithFixedDelay(() -> turn(session, what, work),
                first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        bySession.computeIfAbsent(session, ignored -> new CopyOnWriteArrayList<>()).add(timer);
    }

    /** {@code session} stops: its timers set no further turn (one under way ends on its own). */
    public void stop(String session) {
        List<ScheduledFuture<?>> timers = bySession.remove(session);
        if (timers != null) {
            timers.forEach(timer -> timer.cancel(false));
        }
    }

    /** How many timers {@code session} has set. */
    public int count(String session) {
        return bySession.getOrDefault(session, List.of()).size();
    }

    private static void turn(String session, String what, Runnable work) {
        try {
            SessionKeys.run(session, work);
        } catch (RuntimeException failed) { // the timer must outlive a failed turn
            LOG.errorf(failed, "%s of session %s failed; tried again at its next turn", what, session);
        }
    }

    @PreDestroy
    void shutdown() {
        scheduler.shutdownNow();
    }
}
