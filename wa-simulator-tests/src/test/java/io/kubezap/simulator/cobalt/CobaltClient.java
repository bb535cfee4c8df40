package io.kubezap.simulator.cobalt;

import it.auties.whatsapp.api.ConnectionBuilder;
import it.auties.whatsapp.api.DisconnectReason;
import it.auties.whatsapp.api.ErrorHandler;
import it.auties.whatsapp.api.QrHandler;
import it.auties.whatsapp.api.WebHistorySetting;
import it.auties.whatsapp.api.WebOptionsBuilder;
import io.kubezap.cobalt.tokens.PrivacyTokens;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.ControllerSerializer;
import it.auties.whatsapp.model.companion.CompanionDevice;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.signal.auth.Version;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * The unmodified Cobalt 0.0.10 web client, configured the way the session pod configures it
 * (explicit version so nothing is fetched, no history, app-state MACs checked), recording what its listeners report.
 */
final class CobaltClient {
    private static final Version WEB_VERSION = Version.of("2.3000.1022032575");
    private static final Version PLACEHOLDER_VERSION = Version.of("2.3000.1");

    final UUID id;
    final Path keyStore;
    final List<String> qrCodes;
    final List<DisconnectReason> disconnects = new CopyOnWriteArrayList<>();
    final List<Node> nodesReceived = new CopyOnWriteArrayList<>();
    final AtomicInteger logins = new AtomicInteger();
    /** What Cobalt reported to its error handler (which then decides as its default one does). */
    final List<Throwable> errors;
    final Whatsapp api;
    final PrivacyTokens tokens;

    private CobaltClient(UUID id, Path keyStore, Whatsapp api, List<String> qrCodes, List<Throwable> errors) {
        this(id, keyStore, api, qrCodes, errors, true);
    }

    private CobaltClient(UUID id, Path keyStore, Whatsapp api, List<String> qrCodes, List<Throwable> errors, boolean privacyTokens) {
        this.errors = errors;
        this.id = id;
        this.keyStore = keyStore;
        this.api = api;
        this.qrCodes = qrCodes;
        // as the session pod does: Cobalt 0.0.10 attaches no privacy token, which WhatsApp requires (error 463)
        this.tokens = privacyTokens ? PrivacyTokens.install(api) : null;
        api.addLoggedInListener(logins::incrementAndGet);
        api.addDisconnectedListener((DisconnectReason reason) -> disconnects.add(reason));
        api.addNodeReceivedListener((Node node) -> nodesReceived.add(node));
    }

    static CobaltClient unregistered(Path keyStore) {
        return unregistered(keyStore, WebHistorySetting.discard(false));
    }

    /** Cobalt 0.0.10 as released, which attaches no privacy token to what it sends. */
    static CobaltClient unregisteredWithoutPrivacyTokens(Path keyStore) {
        var id = UUID.randomUUID();
        var qrCodes = new CopyOnWriteArrayList<String>();
        var errors = new CopyOnWriteArrayList<Throwable>();
        var api = builder(keyStore).newConnection(id).historySetting(WebHistorySetting.discard(false)).errorHandler(recording(errors))
                .unregistered(QrHandler.toPlainString(qrCodes::add));
        api.store().setDevice(CompanionDevice.web(WEB_VERSION));
        return new CobaltClient(id, keyStore, api, qrCodes, errors, false);
    }

    /** A client asking for {@code history} when it pairs. */
    static CobaltClient unregistered(Path keyStore, WebHistorySetting history) {
        var id = UUID.randomUUID();
        var qrCodes = new CopyOnWriteArrayList<String>();
        var errors = new CopyOnWriteArrayList<Throwable>();
        var api = builder(keyStore)
                .newConnection(id)
                .historySetting(history)
                .errorHandler(recording(errors))
                .unregistered(QrHandler.toPlainString(qrCodes::add));
        api.store().setDevice(CompanionDevice.web(WEB_VERSION));
        api.store().setCheckPatchMacs(true);
        return new CobaltClient(id, keyStore, api, qrCodes, errors);
    }

    /** The same key store opened again, as a restarted session pod does. */
    static CobaltClient restored(Path keyStore, UUID id) {
        var errors = new CopyOnWriteArrayList<Throwable>();
        // Cobalt writes its key store on its own thread after a disconnect: under load it may not be there yet
        var api = await().atMost(Duration.ofSeconds(30)).until(() -> builder(keyStore)
                        .newConnection(id)
                        .historySetting(WebHistorySetting.discard(false))
                        .errorHandler(recording(errors))
                        .registered(), Optional::isPresent)
                .orElseThrow(() -> new AssertionError("Cobalt found no registered keys in " + keyStore));
        // a restored store has no version and setDevice ignores an unchanged device
        api.store().setDevice(CompanionDevice.web(PLACEHOLDER_VERSION));
        api.store().setDevice(CompanionDevice.web(WEB_VERSION));
        api.store().setCheckPatchMacs(true);
        return new CobaltClient(id, keyStore, api, new CopyOnWriteArrayList<>(), errors);
    }

    /**
     * Writes keys and store now, as the session pod does after login and after app-state sync: Cobalt
     * writes them by itself only at some points (not after an app-state pull), so a client restored
     * without this may miss what it learnt last.
     */
    void flush() {
        var serializer = ControllerSerializer.toProtobuf(keyStore);
        serializer.serializeKeys(api.keys(), false).join();
        serializer.serializeStore(api.store(), false).join();
    }

    private static ErrorHandler recording(List<Throwable> errors) {
        var defaults = ErrorHandler.toTerminal();
        return (api, location, throwable) -> {
            errors.add(throwable);
            return defaults.handleError(api, location, throwable);
        };
    }

    private static ConnectionBuilder<WebOptionsBuilder> builder(Path keyStore) {
        return Whatsapp.webBuilder().serializer(ControllerSerializer.toProtobuf(keyStore));
    }
}
