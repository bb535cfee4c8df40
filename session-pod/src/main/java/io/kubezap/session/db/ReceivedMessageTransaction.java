package io.kubezap.session.db;

import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.function.Function;

/**
 * The transaction that stores a received message, and a write that must commit with it or not at all: in storage mode
 * Database, the key store entries that decrypting the message changed. The thread about to hand a message over stages
 * the write ({@link #around}); storing the message runs it inside its own transaction ({@link #inTransaction}), on that
 * same thread, so the message and the keys it moved on are both stored, or neither. A message that is not stored then
 * (it waits for the database in the spool) leaves the write to the one who staged it.
 */
@Singleton
public class ReceivedMessageTransaction {

    private static final Logger LOG = Logger.getLogger(ReceivedMessageTransaction.class);

    /** A write that joins the transaction of the message handed over next on this thread. */
    public interface JoiningWrite {

        /**
         * Before the message's transaction begins: a write that must wait for others of its kind waits here, holding
         * no row of the database (the message's rows would lock what those others need: a deadlock).
         */
        void begin();

        /** Inside the message's transaction, after the message's own statements. */
        void write(Handle handle);

        /** Once the transaction ended, committed or not (what {@link #begin} took is let go). */
        void ended(boolean committed);

        /** true when {@code failure} of {@link #write} refuses the message too (another pod took the session). */
        boolean refusesTheMessage(RuntimeException failure);
    }

    private static final class Staged {
        private final JoiningWrite write;
        private boolean committed;
        private boolean failed;

        private Staged(JoiningWrite write) {
            this.write = write;
        }

        private boolean open() {
            return !committed && !failed;
        }
    }

    private final ThreadLocal<Staged> staged = new ThreadLocal<>();

    /** Runs {@code handOver} with {@code write} staged; true when a received message's transaction committed it. */
    public boolean around(JoiningWrite write, Runnable handOver) {
        Staged previous = staged.get();
        Staged mine = new Staged(write);
        staged.set(mine);
        try {
            handOver.run();
        } finally {
            staged.set(previous);
        }
        return mine.committed;
    }

    /**
     * {@code work} (storing a received message) in a transaction, with the write staged on this thread, if one waits.
     * When that write fails on its own (not the database out of reach, not a refusal of the message), the message is
     * stored without it, and its stager makes it as before.
     */
    public <R> R inTransaction(SessionDb db, Function<Handle, R> work) {
        Staged joining = staged.get();
        if (joining == null || !joining.open()) {
            return db.inTransaction(work);
        }
        var writeFailure = new RuntimeException[1];
        boolean committed = false;
        try {
            joining.write.begin();
            R result = db.inTransaction(handle -> {
                R stored = work.apply(handle);
                try {
                    joining.write.write(handle);
                } catch (RuntimeException failed) {
                    writeFailure[0] = failed;
                    throw failed;
                }
                return stored;
            });
            committed = true;
            return result;
        } catch (RuntimeException failed) {
            if (writeFailure[0] == null || joining.write.refusesTheMessage(failed) || DatabaseFailures.notYet(failed).isPresent()) {
                throw failed;
            }
            LOG.warnf("The write joining a received message failed (%s); the message is stored without it",
                    DatabaseFailures.rootMessage(failed));
            return db.inTransaction(work);
        } finally {
            joining.committed = committed;
            joining.failed = !committed && writeFailure[0] != null;
            joining.write.ended(committed);
        }
    }
}
