package io.kubezap.session.engine.cobalt;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Keeps one-to-one messages from a LID in the order WhatsApp delivered them, as the phone shows them.
 *
 * <p>Cobalt 0.0.10 reads every other message on its socket's reading thread, one after another, and the session pod
 * stores each there before it is acknowledged ({@link MessageAcknowledgements}). A message from a LID it cannot read
 * ({@link LidMessages} does, on the node listener's thread), and it calls each listener on a virtual thread of its own:
 * a contact's "Oi" and "Tudo bem?", sent in one second (WhatsApp's stamps are whole seconds), were stored either way
 * round, and the chat showed "Oi" as its last message. Cobalt's reading thread reports each such message to the error
 * handler (its {@code decodeChatMessage} finds no {@code participant}) right after starting that message's listeners;
 * there it now waits until the message is read and stored ({@link #awaitReading()}), so the next stanza is read only
 * after, as for any other message.
 *
 * <p>Which reading is the message's: the reading thread makes the listener threads one after another, and the JVM gives
 * a thread its id from a counter when the thread is made. The message's reading runs on a thread made after the
 * reading thread's previous such report and before this one; the report takes its own place in that count by making
 * a thread it never starts.
 */
final class LidReadingOrder {

    private static final Logger LOG = Logger.getLogger(LidReadingOrder.class);
    /** One order for the session's client (a reconnect's new client reads after the old one stopped): thread ids are the JVM's. */
    static final LidReadingOrder SHARED = new LidReadingOrder(Duration.ofSeconds(5), Duration.ofSeconds(30));

    /** How long a listener thread already made may take to begin (the machine may be busy). */
    private final Duration starting;
    /** How long a reading may take: decryption tries and storing. */
    private final Duration reading;
    /** Readings begun and not yet waited for, by their thread's id. */
    private final TreeMap<Long, CompletableFuture<Void>> readings = new TreeMap<>();
    /** The id taken by the previous report (the "reading thread" is the socket's, which may hand each frame to another worker). */
    private long previousReport;

    LidReadingOrder(Duration starting, Duration reading) {
        this.starting = starting;
        this.reading = reading;
    }

    /** On a node listener's thread: reads a one-to-one message from a LID. */
    void read(Runnable message) {
        var done = new CompletableFuture<Void>();
        synchronized (this) {
            readings.put(Thread.currentThread().threadId(), done);
            notifyAll();
        }
        try {
            message.run();
        } finally {
            done.complete(null);
        }
    }

    /** On Cobalt's reading thread, which could not read a message without a participant: waits until it is read. */
    void awaitReading() {
        var done = begun(Thread.ofVirtual().unstarted(() -> { }).threadId());
        if (done == null) {
            LOG.debugf("No LID message was read since the last report: nothing to wait for");
            return;
        }
        try {
            done.get(reading.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException | ExecutionException slow) {
            LOG.warnf("A message from a LID was not read within %s; reading on", reading);
        }
    }

    /** The reading begun on a thread made since the previous report, waited for up to {@link #starting}; null if none. */
    private synchronized CompletableFuture<Void> begun(long report) {
        long previous = previousReport;
        previousReport = report;
        readings.headMap(previous, true).clear(); // readings no report waited for: not this one's either
        long deadline = System.nanoTime() + starting.toNanos();
        try {
            while (readings.subMap(previous, false, report, false).isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return null;
        }
        return readings.remove(readings.subMap(previous, false, report, false).firstKey());
    }
}
