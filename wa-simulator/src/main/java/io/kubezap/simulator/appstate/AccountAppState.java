package io.kubezap.simulator.appstate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account's app state on the server: its sync keys (the latest in use) and its five collections. The account's push
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

    private final List<SyncKey> keys = new ArrayList<>();
    private final Map<String, AppStateCollection> collections = new LinkedHashMap<>();

    public AccountAppState(String pushName, Instant now) {
        var key = SyncKey.generate(now);
        keys.add(key);
        COLLECTIONS.forEach(name -> collections.put(name, new AppStateCollection(name, key)));
        setPushName(pushName, now);
    }

    /**
     * The phone makes a new sync key (as WhatsApp's phones do from time to time, e.g. when a device is removed): every
     * collection's next patches are under it; a companion can read them once the phone shares it. Returns its id (hex).
     */
    public synchronized String rotateKey(Instant now) {
        var key = SyncKey.generate(now);
        keys.add(key);
        collections.values().forEach(collection -> collection.rotate(key));
        return java.util.HexFormat.of().formatHex(key.id());
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
     * What the phone's owner does to a chat (or a label) in the app: a {@code SET} (or a {@code REMOVE}) in the collection
     * WhatsApp keeps it in, with the index WhatsApp's clients use, and the {@code REMOVE}s it entails, as the phone makes
     * them: deleting a chat removes what the app state holds about it (archived, pinned, muted, read mark, stars, labels);
     * clearing it with its starred messages removes its messages' stars; deleting a label removes it from every chat and message. One patch per
     * collection changed; returns each collection's new version.
     */
    public List<Change> act(PhoneAction action, Instant at) {
        var byCollection = new LinkedHashMap<String, List<AppStateCollection.Mutation>>();
        byCollection.computeIfAbsent(action.collection(), name -> new ArrayList<>()).add(action.removes()
                ? AppStateCollection.Mutation.remove(action.index()) : AppStateCollection.Mutation.set(action.index(), action.value(at)));
        entailedRemovals(action).forEach(entry -> byCollection.computeIfAbsent(entry.collection(), name -> new ArrayList<>())
                .add(AppStateCollection.Mutation.remove(JsonIndex.of(entry.index().toArray(String[]::new)))));
        var changes = new ArrayList<Change>();
        byCollection.forEach((name, mutations) -> {
            var collection = collections.get(name);
            long before = collection.version();
            long after = collection.change(mutations);
            if (after != before) {
                changes.add(new Change(name, after));
            }
        });
        return changes;
    }

    private List<Entry> entailedRemovals(PhoneAction action) {
        if (action.removes()) {
            return List.of();
        }
        var parts = action.parts();
        var type = parts.getFirst();
        return entries().stream().filter(entry -> !entry.index().equals(parts)).filter(entry -> switch (type) {
            case "deleteChat" -> !entry.collection().equals(CONTACTS_COLLECTION) && (about(entry, 1, parts.get(1))
                    || entry.index().getFirst().startsWith("label_") && about(entry, 2, parts.get(1)));
            case "clearChat" -> "1".equals(parts.get(2)) && entry.index().getFirst().equals("star") && about(entry, 1, parts.get(1));
            case "label_edit" -> Boolean.TRUE.equals(SyncProtobufs.describe(action.value(Instant.EPOCH)).get("deleted"))
                    && (entry.index().getFirst().equals("label_jid") || entry.index().getFirst().equals("label_message"))
                    && about(entry, 1, parts.get(1));
            default -> false;
        }).toList();
    }

    private static boolean about(Entry entry, int position, String what) {
        return entry.index().size() > position && entry.index().get(position).equals(what);
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

    /** The {@code Message} (unpadded) a phone sends a companion to share the sync keys: every key records may be under. */
    public synchronized byte[] keyShareMessage() {
        return SyncProtobufs.keyShare(List.copyOf(keys));
    }
}
