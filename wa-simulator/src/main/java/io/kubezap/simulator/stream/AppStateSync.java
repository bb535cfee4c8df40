package io.kubezap.simulator.stream;

import io.kubezap.simulator.appstate.AccountAppState;
import io.kubezap.simulator.appstate.AppStateBlobs;
import io.kubezap.simulator.appstate.AppStateCollection;
import io.kubezap.simulator.appstate.PatchRejectedException;
import io.kubezap.simulator.appstate.PhoneAction;
import io.kubezap.simulator.phone.DeviceStatus;
import io.kubezap.simulator.phone.PhoneDirectory;
import io.kubezap.simulator.phone.SimulatedPhone;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.node.Node;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * App-state sync between a phone and its companions: the phone shares its sync key with each new
 * companion once it can encrypt to it (after the companion's first pre-key upload); the server
 * answers the companion's {@code w:sync:app:state} pulls with the patches it lacks and checks and applies the patches
 * it pushes; and when the owner renames the account, saves a contact's name or changes a chat or a label (or a
 * companion pushed a change), the other connected companions get a {@code server_sync} notification and pull
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
    private final Set<Jid> refuseNextPush = ConcurrentHashMap.newKeySet();

    private final HistorySender history;
    private final AppStateBlobs blobs;

    AppStateSync(PhoneDirectory phones, MessageRelay messages, OfflineQueue offline, Clock clock, Duration answerDelay,
                 HistorySender history, AppStateBlobs blobs) {
        this.history = history;
        this.blobs = blobs;
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

    /**
     * Answers a {@code w:sync:app:state} query: a collection with a {@code <patch>} is a companion's push, checked and
     * applied (the phone shows it, a push name included; the account's other companions are told to pull), answered with the collection's new
     * version or an error; a collection without one is a pull, answered with its version and the patches after the
     * client's.
     */
    Optional<Node> answer(ChatSession companion, Node iq) {
        if (!XMLNS.equals(iq.attributes().getString("xmlns", ""))) {
            return Optional.empty();
        }
        var device = companion.deviceJid();
        var phone = device.flatMap(jid -> phones.find(jid.user()));
        if (phone.isEmpty()) {
            return Optional.of(ServerNodes.error(iq, 401, "not-authorized"));
        }
        var appState = phone.get().appState();
        var collections = iq.findChild("sync").stream()
                .flatMap(sync -> sync.listChildren("collection").stream())
                .flatMap(asked -> asked.findChild("patch").flatMap(Node::contentAsBytes)
                        .map(patch -> Optional.of(push(phone.get(), device.get(), asked, patch)))
                        .orElseGet(() -> appState.collection(asked.attributes().getString("name", ""))
                                .map(collection -> collectionAnswer(collection, asked.attributes().getLong("version"),
                                        asked.attributes().getBoolean("return_snapshot"))))
                        .stream())
                .toList();
        return Optional.of(ServerNodes.appStateSync(iq, collections));
    }

    /** The device's next push is refused whatever it holds (fault {@code refuse-app-state-push}). */
    void refuseNextPush(Jid device) {
        refuseNextPush.add(device);
    }

    private Node push(SimulatedPhone phone, Jid from, Node collection, byte[] patch) {
        var name = collection.attributes().getString("name", "");
        if (refuseNextPush.remove(from)) {
            return ServerNodes.appStateCollectionError(name, 400, "bad-request");
        }
        try {
            var change = phone.appState().applyPatch(name, patch, collection.attributes().getLong("version"));
            if (AccountAppState.PUSH_NAME_COLLECTION.equals(change.collection())) {
                phone.takePushNameFromAppState();
            }
            tellCompanions(phone, change.collection(), change.version(), from);
            return ServerNodes.appStateCollection(name, change.version());
        } catch (PatchRejectedException rejected) {
            return ServerNodes.appStateCollectionError(name, rejected.code(), rejected.text());
        }
    }

    /**
     * The phone's owner changes a chat or a label; its companions are told to pull.
     *
     * @throws NoSuchElementException when there is no such phone
     */
    void act(String number, PhoneAction action) {
        var phone = phone(number);
        phone.appState().act(action, clock.instant())
                .forEach(change -> tellCompanions(phone, change.collection(), change.version(), null));
    }

    /** A pull's answer for one collection: a snapshot (uploaded) when due, and the patches, large ones' mutations uploaded. */
    private Node collectionAnswer(AppStateCollection collection, long clientVersion, boolean wantsSnapshot) {
        var pull = collection.pull(clientVersion, wantsSnapshot);
        return ServerNodes.appStateCollection(collection.name(), collection.version(), pull.snapshot().map(blobs::reference).orElse(null),
                pull.patches().stream().map(blobs::asSent).toList());
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

    /**
     * The phone makes a new sync key and, when {@code share}, sends it (with the earlier ones) to its linked companions;
     * returns its id (hex).
     *
     * @throws NoSuchElementException when there is no such phone
     */
    String rotateKey(String number, boolean share) {
        var phone = phone(number);
        var keyId = phone.appState().rotateKey(clock.instant());
        if (share) {
            shareKeys(number);
        }
        return keyId;
    }

    /**
     * The phone sends its sync keys to every linked companion, as it does to a companion asking for a key it lacks.
     *
     * @throws NoSuchElementException when there is no such phone
     */
    void shareKeys(String number) {
        var phone = phone(number);
        phone.devices().stream().filter(device -> device.status() == DeviceStatus.LINKED)
                .forEach(device -> messages.sendToOwnCompanion(phone, device.jid(), phone.appState().keyShareMessage()));
    }

    private SimulatedPhone phone(String number) {
        return phones.find(number).orElseThrow(() -> new NoSuchElementException("No phone " + number));
    }

    private void tellCompanions(SimulatedPhone phone, String collection, long version) {
        tellCompanions(phone, collection, version, null);
    }

    /** Every linked companion but {@code except} (the one that made the change; null: none) is told to pull. */
    private void tellCompanions(SimulatedPhone phone, String collection, long version, Jid except) {
        phone.devices().stream()
                .filter(device -> device.status() == DeviceStatus.LINKED)
                .filter(device -> !device.jid().equals(except))
                .forEach(device -> offline.deliver(device.jid(), ServerNodes.serverSync(collection, version, clock.instant())));
    }
}
