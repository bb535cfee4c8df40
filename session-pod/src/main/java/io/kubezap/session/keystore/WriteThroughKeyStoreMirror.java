package io.kubezap.session.keystore;

import io.kubezap.session.db.ReceivedMessageTransaction;
import io.kubezap.session.engine.KeyStoreCopy;
import io.kubezap.session.engine.KeyStoreMirror;
import io.kubezap.session.engine.KeyStoreTakenOver;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Storage mode Database: the copy in PostgreSQL is the key store's source of truth, written before {@link #changed}
 * returns, so before the message or send that changed the keys is acknowledged (the engine writes its keys on that
 * path); for a received message, in the transaction that stores it ({@link #changedWith}). While the database does not answer, the copy is owed to {@code behind} (retried with backoff) and the
 * session goes on, as received messages then wait in the spool of the data directory.
 */
public final class WriteThroughKeyStoreMirror implements KeyStoreMirror {

    private static final Logger LOG = Logger.getLogger(WriteThroughKeyStoreMirror.class);

    private final KeyStoreMirrorTable table;
    private final DebouncedKeyStoreMirror behind;
    private final ReceivedMessageTransaction messages;
    private final Set<UUID> forgotten = ConcurrentHashMap.newKeySet();
    private volatile boolean failing;

    WriteThroughKeyStoreMirror(KeyStoreMirrorTable table, DebouncedKeyStoreMirror behind, ReceivedMessageTransaction messages) {
        this.table = table;
        this.behind = behind;
        this.messages = messages;
    }

    @Override
    public void changed(Supplier<Optional<KeyStoreCopy>> current) {
        try {
            kept(current).ifPresent(table::write);
            writing();
        } catch (KeyStoreTakenOver fenced) {
            throw fenced;
        } catch (RuntimeException failed) {
            if (!failing) {
                failing = true;
                LOG.warnf("The WhatsApp key store could not be written to PostgreSQL (%s); the data directory has it and"
                        + " the copy is retried, the session goes on", failed.toString());
            }
            behind.changed(current);
        }
    }

    /**
     * The entries the message changed are written in the transaction that stores it; a fenced write rolls the message
     * back too, and is found fenced again by {@link #changed}, which writes what no message's transaction took.
     */
    @Override
    public void changedWith(Supplier<Optional<KeyStoreCopy>> current, Runnable handOver) {
        var joining = table.joining(() -> kept(current));
        if (joining.isPresent() && messages.around(joining.get(), handOver)) {
            writing();
        } else if (joining.isPresent()) {
            changed(current);
        } else {
            KeyStoreMirror.super.changedWith(current, handOver);
        }
    }

    private Optional<KeyStoreCopy> kept(Supplier<Optional<KeyStoreCopy>> current) {
        return current.get().filter(copy -> !forgotten.contains(copy.device()));
    }

    private void writing() {
        if (failing) {
            failing = false;
            LOG.info("The WhatsApp key store is written to PostgreSQL again as it changes");
        }
    }

    @Override
    public void forget(UUID device) {
        forgotten.add(device);
        behind.forget(device);
    }

    @Override
    public boolean flush(Duration patience) {
        return behind.flush(patience);
    }

    @Override
    public Optional<KeyStoreCopy> read() {
        return table.read();
    }

    @Override
    public void take() {
        table.take();
    }

    @Override
    public void checkHeld() {
        table.checkHeld();
    }

    @Override
    public boolean authoritative() {
        return true;
    }
}
