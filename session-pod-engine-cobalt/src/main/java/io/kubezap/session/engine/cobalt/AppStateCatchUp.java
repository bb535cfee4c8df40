package io.kubezap.session.engine.cobalt;

import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.companion.CompanionHashState;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.sync.PatchType;
import it.auties.whatsapp.socket.SocketHandler;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one client's app state in step where Cobalt 0.0.10 leaves it behind:
 * <ul>
 * <li>a {@code server_sync} notification Cobalt ignored (it arrived before its first sync finished) or could not act on
 * (its pull refused while another was under way, {@link ReaderSafePulls}): shortly after each, a collection still behind
 * the version the server named is pulled again;</li>
 * <li>mutations under a key this device did not have yet, which Cobalt skips while moving its version past them: once
 * the phone shares the key, the collection is synced again from nothing (a snapshot), as WhatsApp Web does.</li>
 * </ul>
 */
final class AppStateCatchUp {

    private static final Logger LOG = Logger.getLogger(AppStateCatchUp.class);
    private static final Executor LATER = Executors.newVirtualThreadPerTaskExecutor();
    /** How long Cobalt gets to pull by itself after a notification (its round trip is well under a second). */
    static final Duration SETTLE = Duration.ofSeconds(3);
    private static final int ATTEMPTS = 5;

    private final Map<PatchType, Long> notified = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> awaitingKeys = new ConcurrentHashMap<>();

    /** A node Cobalt received: a {@code server_sync} notification, or a message that may share a key. */
    void onNode(Whatsapp client, Node node) {
        if ("notification".equals(node.description()) && "server_sync".equals(node.attributes().getString("type", ""))) {
            node.listChildren("collection").forEach(collection -> patchType(collection.attributes().getString("name", ""))
                    .ifPresent(type -> notified.merge(type, collection.attributes().getLong("version"), Math::max)));
            later(() -> catchUp(client, ATTEMPTS));
        } else if ("message".equals(node.description()) && !awaitingKeys.isEmpty()) {
            later(() -> resyncWithNewKeys(client));
        }
    }

    /** An answer held mutations of these collections under keys (ids in hex) this device lacks. */
    void onAwaitingKeys(Map<String, Set<String>> keysByCollection) {
        keysByCollection.forEach((collection, keyIds) -> awaitingKeys.computeIfAbsent(collection,
                ignored -> ConcurrentHashMap.newKeySet()).addAll(keyIds));
    }

    private void catchUp(Whatsapp client, int attemptsLeft) {
        var behind = notified.entrySet().stream().filter(entry -> version(client, entry.getKey()) < entry.getValue())
                .map(Map.Entry::getKey).toArray(PatchType[]::new);
        if (behind.length == 0 || !client.isConnected()) {
            return;
        }
        LOG.debugf("App state behind the server's notifications in %s; pulling", java.util.Arrays.toString(behind));
        pull(client, behind);
        if (attemptsLeft > 1) {
            later(() -> catchUp(client, attemptsLeft - 1));
        }
    }

    /** Collections that waited for a key the keys now hold are synced again from nothing. */
    private void resyncWithNewKeys(Whatsapp client) {
        var account = account(client);
        if (account.isEmpty()) {
            return;
        }
        var ready = awaitingKeys.entrySet().stream()
                .filter(entry -> entry.getValue().stream().allMatch(keyId -> client.keys()
                        .findAppKeyById(account.get(), HexFormat.of().parseHex(keyId)).isPresent()))
                .map(Map.Entry::getKey).toList();
        ready.forEach(awaitingKeys::remove);
        var types = ready.stream().map(AppStateCatchUp::patchType).flatMap(Optional::stream).toArray(PatchType[]::new);
        if (types.length == 0) {
            return;
        }
        LOG.infof("The phone shared an app-state key; syncing %s again", java.util.Arrays.toString(types));
        for (var type : types) {
            client.keys().addState(account.get(), new CompanionHashState(type));
        }
        pull(client, types);
    }

    /** Cobalt's own pull (its socket's {@code pullPatch}): decrypted, checked and reported as any pull. */
    private static void pull(Whatsapp client, PatchType... types) {
        ((SocketHandler) RawNodes.socketHandler(client)).pullPatch(types);
    }

    private static long version(Whatsapp client, PatchType type) {
        return account(client).flatMap(jid -> client.keys().findHashStateByName(jid, type)).map(CompanionHashState::version)
                .orElse(0L);
    }

    /** The account's JID as Cobalt keys its app-state keys and states by it (this device's). */
    private static Optional<Jid> account(Whatsapp client) {
        return client.store().jid();
    }

    private static Optional<PatchType> patchType(String name) {
        try {
            return Optional.ofNullable(PatchType.of(name));
        } catch (RuntimeException unknown) {
            return Optional.empty();
        }
    }

    private static void later(Runnable task) {
        CompletableFuture.runAsync(task, CompletableFuture.delayedExecutor(SETTLE.toMillis(), TimeUnit.MILLISECONDS, LATER))
                .exceptionally(failed -> {
                    LOG.debugf(failed, "App-state catch-up failed");
                    return null;
                });
    }
}
