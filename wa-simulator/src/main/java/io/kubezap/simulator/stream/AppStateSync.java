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
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * App-state sync between a phone and its companions: the phone shares its sync key with each new
 * companion once it can encrypt to it (after the companion's first pre-key upload); the server
 * answers the companion's {@code w:sync:app:state} pulls with the patches it lacks; and when the
 * owner renames the account or saves a contact's name, connected companions get a {@code server_sync} notification and pull
 * (a companion that was offline gets it when it logs in again).
 */
final class AppStateSync {
    private static final String XMLNS = "w:sync:app:state";

    private final PhoneDirectory phones;
    private final MessageRelay messages;
    private final OfflineQueue offline;
    private final Clock clock;
    private final Duration afterAnswer;
    private final Set<Jid> keysSharedWith = ConcurrentHashMap.newKeySet();

    private final HistorySender history;

    AppStateSync(PhoneDirectory phones, MessageRelay messages, OfflineQueue offline, Clock clock, Duration answerDelay,
                 HistorySender history) {
        this.history = history;
        this.phones = phones;
        this.messages = messages;
        this.offline = offline;
        this.clock = clock;
        this.afterAnswer = answerDelay.multipliedBy(2);
    }

    /** True until the device's phone has shared the sync key with it: on its first login. */
    boolean awaitsKeyShare(Jid device) {
        return !keysSharedWith.contains(device);
    }

    /**
     * The companion published its pre-keys: its phone shares the sync key with it, once per device, and
     * sends the initial history sync (no chats, the push name); then the server sends that first login's
     * offline marker.
     */
    void onPreKeysPublished(ChatSession companion) {
        companion.deviceJid()
                .filter(keysSharedWith::add)
                .ifPresent(device -> phones.find(device.user()).ifPresent(phone ->
                        companion.socket().schedule(() -> {
                            messages.sendToOwnCompanion(phone, device, phone.appState().keyShareMessage());
                            history.firstSync(phone, device).forEach(sync -> messages.sendToOwnCompanion(phone, device, sync));
                            offline.sendMarker(companion, device);
                        }, afterAnswer)));
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
        var collections = iq.findChild("sync").stream()
                .flatMap(sync -> sync.listChildren("collection").stream())
                .flatMap(asked -> appState.get().collection(asked.attributes().getString("name", "")).stream()
                        .map(collection -> collectionAnswer(collection, asked.attributes().getLong("version"))))
                .toList();
        return Optional.of(ServerNodes.appStateSync(iq, collections));
    }

    private static Node collectionAnswer(AppStateCollection collection, long clientVersion) {
        return ServerNodes.appStateCollection(collection.name(), collection.version(), collection.patchesAfter(clientVersion));
    }

    /**
     * The phone's owner renames the account; its companions are told to pull (now, or at their next login).
     *
     * @throws NoSuchElementException when there is no such phone
     */
    void rename(String number, String pushName) {
        var phone = phone(number);
        tellCompanions(phone, AccountAppState.PUSH_NAME_COLLECTION, phone.rename(pushName, clock.instant()));
    }

    /**
     * The phone's owner saves {@code contact} under a name in the address book; its companions are told to pull.
     *
     * @throws NoSuchElementException when there is no such phone
     */
    void saveContact(String number, Jid contact, String fullName, String firstName) {
        var phone = phone(number);
        tellCompanions(phone, AccountAppState.CONTACTS_COLLECTION, phone.saveContact(contact, fullName, firstName, clock.instant()));
    }

    private SimulatedPhone phone(String number) {
        return phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
    }

    private void tellCompanions(SimulatedPhone phone, String collection, long version) {
        phone.devices().stream()
                .filter(device -> device.status() == DeviceStatus.LINKED)
                .forEach(device -> offline.deliver(device.jid(), ServerNodes.serverSync(collection, version, clock.instant())));
    }
}
