package io.kubezap.session.db;

import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.retry.Backoff;
import io.kubezap.session.retry.Pause;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.host.scope.SessionKeys;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Reception;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes of what happened while PostgreSQL was out of reach: what WhatsApp delivered (it has been told the pod received
 * it, so it would not come again) and the session's own state changes. A write that meets an unreachable database waits
 * here, in order, and one thread runs it once the database answers; while anything waits, newer writes queue behind
 * it, so they run in order too. Each waiting write is also spooled to the session's volume ({@link WriteSpool}) before
 * {@link #writeOrKeep} returns, so it survives the pod: the next start {@link #replay replays} the spool, in order,
 * before the session connects, and a write's file goes once it is recorded.
 */
@PerSession
public class WritesAwaitingDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WritesAwaitingDatabase.class);
    /** At most this many writes wait while PostgreSQL is out of reach; each one beyond is logged as lost. */
    private static final int CAPACITY = 10_000;
    /** Under the session's data directory. */
    static final String SPOOL_DIRECTORY = "awaiting-database";

    /** A waiting write; {@code spooled} is its file, null when the volume refused it (then it waits in memory only). */
    private record Write(WaitingWriteKind<Object> kind, Object value, WriteSpool.Entry spooled) {

        String what() {
            return kind.describe(value);
        }

        void record() {
            kind.record(value);
        }
    }

    /** How long a write waits before it is tried again: 0.25–0.5 s, doubling to 10 s (FleetBurstBenchmark waits so too). */
    public static final Backoff RETRIES = Backoff.withEqualJitter(Duration.ofMillis(500), Duration.ofSeconds(10));

    private final int capacity;
    private final Backoff backoff;
    private final WriteSpool spool;
    /** The session whose writes wait here: the writer thread serves it. */
    private final String session;
    private final Deque<Write> waiting = new ArrayDeque<>();
    private Thread writer;
    private boolean closed;

    @Inject
    public WritesAwaitingDatabase(SessionSettings settings) {
        this(CAPACITY, RETRIES, settings.dataDir().resolve(SPOOL_DIRECTORY), settings.name());
    }

    WritesAwaitingDatabase(int capacity, Backoff backoff, Path spoolDirectory, String session) {
        this.session = session;
        this.capacity = capacity;
        this.backoff = backoff;
        this.spool = new WriteSpool(spoolDirectory);
    }

    /**
     * Runs the write now, or keeps it for later if the database is out of reach or older writes still wait: when this
     * returns, the write is recorded or on the volume. Any other failure reaches the caller.
     */
    @SuppressWarnings("unchecked")
    public <T> void writeOrKeep(WaitingWriteKind<T> kind, T value) {
        WaitingWriteKind<Object> anyKind = (WaitingWriteKind<Object>) kind;
        if (keepIfOthersWait(anyKind, value)) {
            return;
        }
        try {
            kind.record(value);
        } catch (RuntimeException failure) {
            Optional<String> notYet = DatabaseFailures.notYet(failure);
            if (notYet.isEmpty()) {
                throw failure;
            }
            LOG.warnf("The database cannot take it now (%s); keeping %s until it does", notYet.get(), kind.describe(value));
            keep(anyKind, value);
        }
    }

    /**
     * Records what the previous run of the pod left in the spool, oldest first, before anything newer: on this thread
     * while the database answers, the rest (if it stops answering) by the writer. Call before the session connects.
     */
    @SuppressWarnings("unchecked")
    public void replay(Collection<? extends WaitingWriteKind<?>> kinds) {
        Map<String, WaitingWriteKind<Object>> byName = kinds.stream()
                .collect(Collectors.toMap(WaitingWriteKind::name, kind -> (WaitingWriteKind<Object>) kind));
        List<WriteSpool.Entry> entries = spool.pending();
        if (entries.isEmpty()) {
            return;
        }
        LOG.infof("Recording %d writes that waited for the database on the volume when the pod last stopped", entries.size());
        synchronized (this) {
            entries.stream().map(entry -> spooled(entry, byName)).flatMap(Optional::stream).forEach(waiting::addLast);
        }
        recordWhileTheDatabaseAnswers();
    }

    synchronized int size() {
        return waiting.size();
    }

    private Optional<Write> spooled(WriteSpool.Entry entry, Map<String, WaitingWriteKind<Object>> kinds) {
        WaitingWriteKind<Object> kind = kinds.get(entry.kind());
        try {
            if (kind == null) {
                throw new IllegalStateException("no kind of write is named " + entry.kind());
            }
            return Optional.of(new Write(kind, kind.json().read(entry.content()), entry));
        } catch (RuntimeException unreadable) {
            LOG.errorf(unreadable, "Could not read the spooled write %s; set aside for a person to look at", entry.file());
            spool.setAside(entry);
            return Optional.empty();
        }
    }

    private synchronized boolean keepIfOthersWait(WaitingWriteKind<Object> kind, Object value) {
        if (waiting.isEmpty() && !closed) {
            return false;
        }
        keep(kind, value);
        return true;
    }

    private synchronized void keep(WaitingWriteKind<Object> kind, Object value) {
        if (waiting.size() >= capacity) {
            LOG.errorf("Lost %s: %d writes already wait for the database", kind.describe(value), capacity);
            return;
        }
        waiting.addLast(new Write(kind, value, spooled(kind, value)));
        if (writer == null && !closed) {
            writer = Thread.ofVirtual().name("kubezap-writes-awaiting-database").start(() -> SessionKeys.run(session, this::writeWhatWaits));
        }
    }

    private WriteSpool.Entry spooled(WaitingWriteKind<Object> kind, Object value) {
        try {
            return spool.append(kind.name(), kind.json().write(value));
        } catch (IOException | RuntimeException volumeRefused) {
            LOG.errorf(volumeRefused, "Could not spool %s to the volume: it waits in memory only, and a stop loses it",
                    kind.describe(value));
            return null;
        }
    }

    /** The replay's first pass: stops at the first write the database does not take, and leaves the rest to the writer. */
    private void recordWhileTheDatabaseAnswers() {
        Write next;
        while ((next = head()) != null) {
            try {
                next.record();
                dropHead();
            } catch (RuntimeException failure) {
                if (DatabaseFailures.notYet(failure).isEmpty()) {
                    LOG.errorf(failure, "Could not record %s, which waited for the database", next.what());
                    dropHead();
                } else {
                    startWriter();
                    return;
                }
            }
        }
    }

    private synchronized void startWriter() {
        if (writer == null && !closed) {
            writer = Thread.ofVirtual().name("kubezap-writes-awaiting-database").start(() -> SessionKeys.run(session, this::writeWhatWaits));
        }
    }

    private void writeWhatWaits() {
        int attempt = 0;
        Write next;
        while ((next = headOrStop()) != null) {
            try {
                next.record();
                attempt = 0;
                dropHead();
            } catch (RuntimeException failure) {
                if (DatabaseFailures.notYet(failure).isEmpty()) {
                    LOG.errorf(failure, "Could not record %s, which waited for the database", next.what());
                    dropHead();
                } else if (!Pause.sleep(backoff.delay(attempt++))) {
                    return;
                }
            }
        }
    }

    private synchronized Write head() {
        return closed ? null : waiting.peekFirst();
    }

    /** The oldest waiting write; null (and the writer gone) when none waits or the pod stops. */
    private synchronized Write headOrStop() {
        if (waiting.isEmpty() || closed) {
            writer = null;
            return null;
        }
        return waiting.peekFirst();
    }

    private synchronized void dropHead() {
        Write done = waiting.pollFirst();
        if (done != null && done.spooled() != null) {
            spool.remove(done.spooled());
        }
        if (waiting.isEmpty()) {
            LOG.info("The database answers again; everything that waited for it is recorded");
        }
    }

    /** A pod's own session; a host's sessions close as they are released ({@link #close}). */
    void stop(@Observes(notifyObserver = Reception.IF_EXISTS) @Priority(1) ShutdownEvent shutdown) {
        close();
    }

    /** Stops recording; what waits stays on the volume for the next start (what only memory held is lost, and logged). */
    @Override
    @PreDestroy
    public void close() {
        Thread running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = writer;
            if (!waiting.isEmpty()) {
                long inMemoryOnly = waiting.stream().filter(write -> write.spooled() == null).count();
                LOG.warnf("Stopping with %d writes not recorded: the database did not answer again in time; %d wait on the"
                        + " volume for the next start%s", waiting.size(), waiting.size() - inMemoryOnly,
                        inMemoryOnly == 0 ? "" : ", " + inMemoryOnly + " are lost (the volume refused them)");
            }
        }
        if (running != null) {
            running.interrupt();
        }
    }
}
