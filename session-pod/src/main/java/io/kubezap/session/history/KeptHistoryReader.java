package io.kubezap.session.history;

import io.kubezap.contract.PodPhase;
import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.db.DatabaseFailures;
import io.kubezap.session.retry.Backoff;
import io.kubezap.session.retry.WorkLoop;
import io.kubezap.session.state.SessionStateChanged;
import io.kubezap.session.state.SessionStateMachine;
import jakarta.enterprise.event.Observes;
import io.kubezap.session.host.scope.PerSession;
import io.kubezap.session.host.scope.SessionKeys;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the history batches kept because their blob could not be had when they came ({@link EngineEvent.HistoryDeferred}):
 * while the session is connected, each again after a growing pause (1 s doubling up to 5 min), and every one at once
 * after a restart or a reconnect; a batch read is stored and forgotten in one transaction. One still unreadable two
 * weeks after it came is given up (WhatsApp's media links last about that long: {@code oe}). Its thread starts only
 * once there is a batch to read (kept at start, or deferred since): a session with none pays no thread and no polling.
 */
@PerSession
public class KeptHistoryReader {

    private static final Logger LOG = Logger.getLogger(KeptHistoryReader.class);
    private static final Backoff BACKOFF = Backoff.withoutJitter(Duration.ofSeconds(1), Duration.ofMinutes(5));
    private static final Duration IDLE_POLL = Duration.ofSeconds(30);
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration GIVE_UP_AFTER = Duration.ofDays(14);

    private final KeptHistoryRepository kept;
    private final HistoryBatches batches;
    private final WhatsAppEngine engine;
    private final SessionStateMachine state;
    private boolean started;
    private boolean stopped;
    private final WorkLoop loop;
    /** The session whose batches this reads: its worker thread serves it. */
    private final String session;

    public KeptHistoryReader(KeptHistoryRepository kept, HistoryBatches batches, WhatsAppEngine engine,
                             SessionStateMachine state) {
        this.kept = kept;
        this.batches = batches;
        this.engine = engine;
        this.state = state;
        this.session = SessionKeys.naming();
        this.loop = new WorkLoop("kubezap-kept-history", "Reading kept history batches", Duration.ofSeconds(5),
            DatabaseFailures::unavailable, () -> SessionKeys.runTurn(session, this::step));
    }

    /** A batch could not be read when it came: kept, and read again soon. */
    public void deferred(EngineEvent.HistoryDeferred deferred) {
        kept.keep(deferred.blob(), deferred.reason(), Instant.now());
        readingStarted();
        loop.wake();
    }

    public synchronized void start() {
        started = true;
        boolean anyKept;
        try {
            anyKept = kept.any();
            if (anyKept) {
                kept.allDue(Instant.now());
            }
        } catch (RuntimeException cannotTell) {
            anyKept = true; // the loop looks again, and waits for the database as it does
        }
        if (anyKept) {
            readingStarted();
        }
    }

    public synchronized void stop() throws InterruptedException {
        stopped = true;
        loop.stop();
    }

    private synchronized void readingStarted() {
        if (started && !stopped && !loop.running()) {
            loop.start();
        }
    }

    void onStateChanged(@Observes SessionStateChanged change) {
        if (loop.running() && change.phaseChanged() && change.after().phase() == PodPhase.Connected) {
            try {
                kept.allDue(Instant.now());
            } catch (RuntimeException notNow) {
                LOG.debugf("Kept history batches not made due: %s", notNow.getMessage());
            }
            loop.wake();
        }
    }

    private void step() throws InterruptedException {
        if (state.current().phase() != PodPhase.Connected) {
            loop.pause(IDLE_POLL);
            return;
        }
        var due = kept.due(Instant.now());
        for (var batch : due) {
            read(batch);
        }
        if (due.isEmpty()) {
            loop.pause(kept.nextDue().map(next -> Duration.between(Instant.now(), next)).filter(wait -> wait.compareTo(IDLE_POLL) < 0)
                    .orElse(IDLE_POLL));
        }
    }

    private void read(KeptHistoryRepository.Kept batch) throws InterruptedException {
        var blob = batch.blob();
        try {
            var read = engine.readHistory(blob).toCompletableFuture().get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (read.isPresent()) {
                batches.stored(read.get(), handle -> kept.forget(handle, blob.notificationId()));
            } else {
                kept.forget(blob.notificationId());
            }
            LOG.infof("Kept history batch %s (%s, chunk %d) read after %d failed attempt(s)", blob.notificationId(),
                    blob.syncType(), blob.chunkOrder(), batch.attempts());
        } catch (ExecutionException | TimeoutException failed) {
            var why = failed instanceof ExecutionException ? String.valueOf(failed.getCause().getMessage()) : "no answer in time";
            if (batch.keptSince().plus(GIVE_UP_AFTER).isBefore(Instant.now())) {
                LOG.errorf("Kept history batch %s (%s, chunk %d) given up: unreadable since %s (%s); its messages are not stored",
                        blob.notificationId(), blob.syncType(), blob.chunkOrder(), batch.keptSince(), why);
                kept.forget(blob.notificationId());
                return;
            }
            var wait = BACKOFF.delay(batch.attempts() - 1);
            LOG.warnf("Kept history batch %s (%s, chunk %d) still cannot be read (%s); trying again in %d s", blob.notificationId(),
                    blob.syncType(), blob.chunkOrder(), why, wait.toSeconds());
            kept.failed(blob.notificationId(), why, Instant.now().plus(wait));
        }
    }
}
