package io.kubezap.session.keystore;

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
 * path). While the database does not answer, the copy is owed to {@code behind} (retried with backoff) and the
 * session goes on, as received messages then wait in the spool of the data directory.
 */
public final class WriteThroughKeyStoreMirror implements KeyStoreMirror {

    private static final Logger LOG = Logger.getLogger(WriteThroughKeyStoreMirror.class);

    private final KeyStoreMirrorTable table;
    private final DebouncedKeyStoreMirror behind;
    private final Set<UUID> forgotten = ConcurrentHashMap.newKeySet();
    private volatile boolean failing;

    WriteThroughKeyStoreMirror(KeyStoreMirrorTable table, DebouncedKeyStoreMirror behind) {
        this.table = table;
        this.behind = behind;
    }

    @Override
    public void changed(Supplier<Optional<KeyStoreCopy>> current) {
        try {
            current.get().filter(copy -> !forgotten.contains(copy.device())).ifPresent(table::write);
            if (failing) {
                failing = false;
                LOG.info("The WhatsApp key store is written to PostgreSQL again as it changes");
            }
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
