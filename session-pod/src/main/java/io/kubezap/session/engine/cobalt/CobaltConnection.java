package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link Connection} over the current Cobalt client; pins the Web version before every connect.
 * A client closed before it was connected may be stuck mid-handshake, so the next attempt gets a
 * fresh client over the same store and keys.
 */
final class CobaltConnection implements Connection {

    private final AtomicReference<Whatsapp> client = new AtomicReference<>();
    private final AtomicBoolean replaceBeforeOpen = new AtomicBoolean();
    private final WebVersion version;

    CobaltConnection(WebVersion version) {
        this.version = version;
    }

    void use(Whatsapp whatsapp) {
        client.set(whatsapp);
        replaceBeforeOpen.set(false);
    }

    Whatsapp client() {
        return client.get();
    }

    @Override
    public CompletionStage<?> open() {
        var whatsapp = client.get();
        if (whatsapp == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no WhatsApp client"));
        }
        if (replaceBeforeOpen.getAndSet(false)) {
            whatsapp = CobaltClients.create(whatsapp.store(), whatsapp.keys());
            client.set(whatsapp);
        }
        version.applyTo(whatsapp.store());
        var store = whatsapp.store();
        var listenersBefore = Set.copyOf(store.listeners());
        var attempt = whatsapp.connect();
        // connect() registers a login listener per call and never removes it; every listener costs a virtual
        // thread per received node, and the watchdog only needs the attempt's failure, so it goes at once
        store.listeners().stream()
                .filter(listener -> !listenersBefore.contains(listener))
                .toList()
                .forEach(store::removeListener);
        return attempt;
    }

    @Override
    public boolean isOpen() {
        var whatsapp = client.get();
        return whatsapp != null && whatsapp.isConnected();
    }

    @Override
    public void close() {
        var whatsapp = client.get();
        if (whatsapp != null) {
            if (!whatsapp.isConnected()) {
                replaceBeforeOpen.set(true);
            }
            whatsapp.disconnect();
        }
    }
}
