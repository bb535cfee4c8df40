package io.kubezap.simulator.stream;

import io.kubezap.simulator.appstate.AccountAppState;
import io.kubezap.simulator.appstate.AppStateCollection;
import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * App-state sync between a phone and its companions: the phone shares its sync key with each new
 * companion once it can encrypt to it (after the companion's first pre-key upload); the server
 * answers the companion's {@code w:sync:app:state} pulls with the patches it lacks; and when the
 * owner renames the account, connected companions get a {@code server_sync} notification and pull
 * (a companion that was offline gets it when it logs in again).
 */
final class AppStateSync {
    private static final String XMLNS = "w:sync:app:state";

    private final PhoneDirectory phones;
    private final MessageRelay messages;
    private final Function<Jid, Optional<ChatSession>> activeSession;
    private final Clock clock;
    private final Duration afterAnswer;
    private final Set<Jid> keysSharedWith = ConcurrentHashMap.newKeySet();
    private final Map<Pulled, Long> pulledVersions = new ConcurrentHashMap<>();

    /** A companion and one of its collections: what {@link #pulledVersions} remembers the last given version of. */
    private record Pulled(Jid device, String collection) {
    }

    AppStateSync(PhoneDirectory phones, MessageRelay messages, Function<Jid, Optional<ChatSession>> activeSession,
                 Clock clock, Duration answerDelay) {
        this.phones = phones;
        this.messages = messages;
        this.activeSession = activeSession;
        this.clock = clock;
        this.afterAnswer = answerDelay.multipliedBy(2);
    }

    /** The companion published its pre-keys: its phone shares the sync key with it, once per device. */
    void onPreKeysPublished(ChatSession companion) {
        companion.deviceJid()
                .filter(keysSharedWith::add)
                .ifPresent(device -> phones.find(device.user()).ifPresent(phone ->
                        companion.socket().schedule(() -> messages.sendToOwnCompanion(phone, companion, device,
                                phone.appState().keyShareMessage()), afterAnswer)));
    }

    /** Answers a pull: every known collection asked for, with its version and the patches after the client's. */
    Optional<Node> answer(ChatSession companion, Node iq) {
        if (!XMLNS.equals(iq.attributes().getString("xmlns", ""))) {
            return Optional.empty();
        }
        var appState = companion.deviceJid().flatMap(device -> phones.find(device.user())).map(SimulatedPhone::appState);
        if (appState.isEmpty()) {
            return Optional.of(ServerNodes.error(iq, 401, "not-authorized"));
        }
        var device = companion.deviceJid().orElseThrow();
        var collections = iq.findChild("sync").stream()
                .flatMap(sync -> sync.listChildren("collection").stream())
                .flatMap(asked -> appState.get().collection(asked.attributes().getString("name", "")).stream()
                        .map(collection -> collectionAnswer(device, collection, asked.attributes().getLong("version"))))
                .toList();
        return Optional.of(ServerNodes.appStateSync(iq, collections));
    }

    private Node collectionAnswer(Jid device, AppStateCollection collection, long clientVersion) {
        var version = collection.version();
        pulledVersions.put(new Pulled(device, collection.name()), version);
        return ServerNodes.appStateCollection(collection.name(), version, collection.patchesAfter(clientVersion));
    }

    /** A companion logs in: collections that changed since it last pulled them are announced, as offline notifications. */
    void onLogin(ChatSession companion) {
        companion.deviceJid().ifPresent(device -> phones.find(device.user()).ifPresent(phone ->
                phone.appState().collections().stream()
                        .filter(collection -> changedSinceLastPull(device, collection))
                        .forEach(collection -> companion.socket().schedule(() -> companion.send(
                                ServerNodes.serverSync(collection.name(), collection.version(), clock.instant())), afterAnswer))));
    }

    private boolean changedSinceLastPull(Jid device, AppStateCollection collection) {
        var pulled = pulledVersions.get(new Pulled(device, collection.name()));
        return pulled != null && pulled < collection.version();
    }

    /**
     * The phone's owner renames the account; its connected companions are told to pull.
     *
     * @throws NoSuchElementException when there is no such phone
     */
    void rename(String number, String pushName) {
        var phone = phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
        var version = phone.rename(pushName, clock.instant());
        phone.devices().stream()
                .filter(device -> device.status() == DeviceStatus.LINKED)
                .flatMap(device -> activeSession.apply(device.jid()).stream())
                .forEach(companion -> companion.send(ServerNodes.serverSync(AccountAppState.PUSH_NAME_COLLECTION, version, clock.instant())));
    }
}
