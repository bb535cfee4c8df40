package io.kubezap.simulator.appstate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account's app state on the server: its sync key and its five collections. The account's push
 * name lives in {@code critical_block} under {@code ["setting_pushName"]}, which is how a companion
 * learns the name of the account it is linked to. The names the owner saved for others (the phone's address book)
 * live in {@code critical_unblock_low} under {@code ["contact","<jid>"]}.
 */
public final class AccountAppState {
    public static final String PUSH_NAME_COLLECTION = "critical_block";
    public static final String CONTACTS_COLLECTION = "critical_unblock_low";
    private static final List<String> COLLECTIONS =
            List.of(PUSH_NAME_COLLECTION, CONTACTS_COLLECTION, "regular_high", "regular_low", "regular");
    private static final String PUSH_NAME_INDEX = "[\"setting_pushName\"]";

    private final SyncKey key;
    private final Map<String, AppStateCollection> collections = new LinkedHashMap<>();

    public AccountAppState(String pushName, Instant now) {
        key = SyncKey.generate(now);
        COLLECTIONS.forEach(name -> collections.put(name, new AppStateCollection(name, key)));
        setPushName(pushName, now);
    }

    /** Records a new push name in a new {@code critical_block} patch; returns the collection's new version. */
    public long setPushName(String pushName, Instant at) {
        return collections.get(PUSH_NAME_COLLECTION).set(PUSH_NAME_INDEX, SyncProtobufs.pushNameSetting(pushName, at));
    }

    /** The push name {@code critical_block} holds now: the phone's last rename, or a companion's. */
    public Optional<String> pushName() {
        return Optional.ofNullable(collections.get(PUSH_NAME_COLLECTION).values().get(PUSH_NAME_INDEX))
                .flatMap(SyncProtobufs::pushName).filter(name -> !name.isBlank());
    }

    /** Records the name the owner saved for {@code contactJid} in a new {@code critical_unblock_low} patch; returns its version. */
    public long saveContact(String contactJid, String fullName, String firstName, Instant at) {
        return collections.get(CONTACTS_COLLECTION).set("[\"contact\",\"" + contactJid + "\"]",
                SyncProtobufs.contactAction(fullName, firstName, at));
    }

    /**
     * What the phone's owner does to a chat (or a label) in the app: one {@code SET} in the collection WhatsApp keeps
     * it in, with the index WhatsApp's clients use. Returns the collection and its new version.
     */
    public Change act(PhoneAction action, Instant at) {
        var collection = collections.get(action.collection());
        return new Change(collection.name(), collection.set(action.index(), action.value(at)));
    }

    /**
     * A companion's patch to {@code collectionName}, sent when its copy was at {@code clientVersion}; applied when it
     * checks (see {@link AppStateCollection#apply}).
     *
     * @throws PatchRejectedException when it does not, or there is no such collection
     */
    public Change applyPatch(String collectionName, byte[] patch, long clientVersion) {
        var collection = collections.get(collectionName);
        if (collection == null) {
            throw new PatchRejectedException(404, "item-not-found", "no collection " + collectionName);
        }
        return new Change(collectionName, collection.apply(patch, clientVersion));
    }

    /** Every value the account's app state holds now, as the phone shows it. */
    public List<Entry> entries() {
        return collections.values().stream().flatMap(collection -> collection.values().entrySet().stream()
                .map(value -> new Entry(collection.name(), JsonIndex.parse(value.getKey()), SyncProtobufs.describe(value.getValue()))))
                .toList();
    }

    /** A collection's new version after a change. */
    public record Change(String collection, long version) {
    }

    /** One value: its collection, its index (e.g. {@code ["archive", "5511…@s.whatsapp.net"]}) and what it says. */
    public record Entry(String collection, List<String> index, java.util.Map<String, Object> value) {
    }

    public Optional<AppStateCollection> collection(String name) {
        return Optional.ofNullable(collections.get(name));
    }

    public List<AppStateCollection> collections() {
        return List.copyOf(collections.values());
    }

    /** The {@code Message} (unpadded) a phone sends a new companion to share the sync key. */
    public byte[] keyShareMessage() {
        return SyncProtobufs.keyShare(key);
    }
}
