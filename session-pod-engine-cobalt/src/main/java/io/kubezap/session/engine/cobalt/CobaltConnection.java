package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.WhatsAppRoute;
import io.kubezap.session.engine.version.WebVersions;
import it.auties.whatsapp.api.Whatsapp;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * The {@link Connection} over the current Cobalt client; sets the Web version {@link WebVersions} chooses before every
 * connect. A client closed before it was connected may be stuck mid-handshake, and one WhatsApp refused as outdated
 * has stopped writing its files (Cobalt 0.0.10 takes a 405 for a logout), so the next attempt gets a fresh client over
 * the same store and keys. A failure of the session's proxy (its route) names the proxy's answer. What it does on a
 * thread of its own serves the connection's session ({@code named}: a host runs many, and a thread names none).
 */
final class CobaltConnection implements Connection {

    private final AtomicReference<Whatsapp> client = new AtomicReference<>();
    private final AtomicBoolean replaceBeforeOpen = new AtomicBoolean();
    private final WebVersions versions;
    private final WhatsAppRoute route;
    private final UnaryOperator<Runnable> named;
    private volatile String announced;

    CobaltConnection(WebVersions versions, WhatsAppRoute route, UnaryOperator<Runnable> named) {
        this.versions = versions;
        this.route = route;
        this.named = named;
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
        announced = versions.forLogin().version();
        new WebVersion(announced).applyTo(whatsapp.store());
        var store = whatsapp.store();
        var listenersBefore = Set.copyOf(store.listeners());
        var attempt = whatsapp.connect();
        // connect() registers a login listener per call and never removes it; every listener costs a virtual
        // thread per received node, and the watchdog only needs the attempt's failure, so it goes at once
        store.listeners().stream()
                .filter(listener -> !listenersBefore.contains(listener))
                .toList()
                .forEach(store::removeListener);
        // through the session's proxy, Cobalt only learns "tunnel failed": the route knows why
        return attempt.exceptionallyCompose(failed -> CompletableFuture.failedFuture(
                route.lastFailure().<Throwable>map(WhatsAppRoute.Failure::asException).orElse(failed)));
    }

    /** The version the latest attempt announced; null before the first. */
    String announcedVersion() {
        return announced;
    }

    /** WhatsApp refused the announced version as outdated: the next attempt learns the current one, on a fresh client. */
    void refusedAsOutdated() {
        versions.refused(announced);
        replaceBeforeOpen.set(true);
    }

    /** The announced version logged in: it is kept with the session. */
    void loggedIn() {
        var version = announced;
        if (version != null) {
            Thread.ofVirtual().name("web-version-kept").start(named.apply(() -> versions.worked(version)));
        }
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
