package io.kubezap.cobalt.tokens;

import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The contacts' trusted-contact tokens and when the account last issued its own to each, kept in Cobalt's store
 * properties ({@code kubezap.tctoken.<user>} = {@code base64 token,time,issued}), which Cobalt writes with
 * {@code store.proto}: they survive a restart and move with the store to the database in storage mode Database.
 * A token is valid for four 7-day buckets after its time, and the account issues its own again once a new bucket began
 * (whatsmeow {@code tctoken.go}: {@code tctoken_duration}, {@code tctoken_num_buckets}).
 */
final class TokenShelf {
    static final long BUCKET_SECONDS = 604_800;
    static final int BUCKETS = 4;
    private static final String PREFIX = "kubezap.tctoken.";
    private static final String SALT = "kubezap.nctsalt";
    private static final String LID_PREFIX = "kubezap.lid.";

    private final Map<String, String> properties;
    private final Consumer<Map<String, String>> write;
    private final Clock clock;

    /** {@code properties}: the store's (read-only) view; {@code write}: how the store takes new ones. */
    TokenShelf(Map<String, String> properties, Consumer<Map<String, String>> write, Clock clock) {
        this.properties = properties;
        this.write = write;
        this.clock = clock;
    }

    private record Entry(byte[] token, long timestamp, long issued) {
        static Optional<Entry> parse(String value) {
            if (value == null) {
                return Optional.empty();
            }
            var parts = value.split(",", -1);
            try {
                return Optional.of(new Entry(parts[0].isEmpty() ? new byte[0] : Base64.getDecoder().decode(parts[0]),
                        Long.parseLong(parts[1]), Long.parseLong(parts[2])));
            } catch (RuntimeException unreadable) {
                return Optional.empty();
            }
        }

        String format() {
            return Base64.getEncoder().encodeToString(token) + "," + timestamp + "," + issued;
        }
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    /** The contact's token, while valid. */
    Optional<byte[]> valid(String contact) {
        return entry(contact).filter(entry -> entry.token().length > 0 && !expired(entry.timestamp())).map(Entry::token);
    }

    /** Keeps the contact's token unless the one kept is newer. */
    synchronized void keep(String contact, byte[] token, long timestamp) {
        var kept = entry(contact);
        if (timestamp <= 0 || kept.map(entry -> entry.token().length > 0 && entry.timestamp() > timestamp).orElse(false)) {
            return;
        }
        write.accept(Map.of(PREFIX + contact, new Entry(token, timestamp, kept.map(Entry::issued).orElse(0L)).format()));
    }

    /**
     * Keeps, in one write, the tokens a history sync gave by contact, each unless a newer one is kept, with when the
     * account last gave its own (the later of the two).
     */
    synchronized void keepAll(Map<String, PrivacyTokens.HistoryToken> byContact) {
        var kept = new java.util.HashMap<String, String>();
        byContact.forEach((contact, given) -> {
            var entry = entry(contact);
            var newer = entry.filter(held -> held.token().length > 0 && held.timestamp() >= given.timestamp());
            var issued = Math.max(entry.map(Entry::issued).orElse(0L), given.senderTimestamp());
            kept.put(PREFIX + contact, newer.map(held -> new Entry(held.token(), held.timestamp(), issued))
                    .orElseGet(() -> new Entry(given.token(), given.timestamp(), issued)).format());
        });
        if (!kept.isEmpty()) {
            write.accept(kept);
        }
    }

    /** The account issued its token to the contact at {@code at}. */
    synchronized void issued(String contact, long at) {
        var kept = entry(contact);
        write.accept(Map.of(PREFIX + contact, new Entry(kept.map(Entry::token).orElse(new byte[0]),
                kept.map(Entry::timestamp).orElse(0L), at).format()));
    }

    /** Whether a bucket began since the account last issued its token to the contact. */
    boolean dueForIssue(String contact) {
        var issued = entry(contact).map(Entry::issued).orElse(0L);
        return issued == 0 || now() / BUCKET_SECONDS > issued / BUCKET_SECONDS;
    }

    /** The account's NCT salt, from which client-side tokens are derived (whatsmeow {@code cstoken.go}). */
    Optional<byte[]> salt() {
        return Optional.ofNullable(properties.get(SALT)).filter(value -> !value.isEmpty()).map(Base64.getDecoder()::decode);
    }

    /** The contact's LID user, for a contact known by number. */
    Optional<String> lidOf(String contact) {
        return Optional.ofNullable(properties.get(LID_PREFIX + contact));
    }

    /**
     * Keeps, in one write of the store, the account's NCT salt (null: unchanged) and the LID users of contacts known by
     * number.
     */
    synchronized void keepSaltAndLids(byte[] salt, Map<String, String> lids) {
        var kept = new java.util.HashMap<String, String>();
        if (salt != null && salt.length > 0) {
            kept.put(SALT, Base64.getEncoder().encodeToString(salt));
        }
        lids.forEach((number, lid) -> {
            if (!lid.equals(properties.get(LID_PREFIX + number))) {
                kept.put(LID_PREFIX + number, lid);
            }
        });
        if (!kept.isEmpty()) {
            write.accept(kept);
        }
    }

    private boolean expired(long timestamp) {
        return timestamp < (now() / BUCKET_SECONDS - (BUCKETS - 1)) * BUCKET_SECONDS;
    }

    private Optional<Entry> entry(String contact) {
        return Entry.parse(properties.get(PREFIX + contact));
    }
}
