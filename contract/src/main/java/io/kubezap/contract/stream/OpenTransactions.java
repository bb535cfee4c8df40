package io.kubezap.contract.stream;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The transactions PostgreSQL had not committed at one moment ({@code pg_current_snapshot()}): those it lists as in
 * progress, and every one from {@code xmax} on (started later, or not yet given an id: an event's id is drawn before
 * its row is written). Event ids come from a sequence, which is not commit-ordered, so an event whose transaction was
 * open then may commit later with an id below ones already read: readers look for those by their writer
 * ({@code xmin}), not by id ({@link EventCursor}). Each reader runs the two SQL expressions below in its own query.
 */
public record OpenTransactions(long xmax, Set<Long> inProgress) {

    /** The select-list expression of the moment, as {@link #parse} reads it. */
    public static final String SNAPSHOT_SQL = "pg_current_snapshot()::text";
    /** The select-list expression of a row's writer, as {@link #wasOpen} takes it. */
    public static final String WRITER_SQL = "xmin::text::bigint";

    private static final long LOW_32_BITS = 0xFFFF_FFFFL;

    /** {@code xmin:xmax:xip,…} (64-bit transaction ids). */
    public static OpenTransactions parse(String snapshot) {
        String[] parts = snapshot.split(":", -1);
        Set<Long> inProgress = parts[2].isEmpty() ? Set.of()
                : Arrays.stream(parts[2].split(",")).map(Long::valueOf).collect(Collectors.toUnmodifiableSet());
        return new OpenTransactions(Long.parseLong(parts[1]), inProgress);
    }

    /**
     * Whether the transaction that wrote a row ({@code xid}: its {@code xmin}, a 32-bit id) had not committed then.
     * Compared modulo 2^32, as PostgreSQL compares them: a recent row's writer is within 2^31 of {@code xmax}.
     */
    public boolean wasOpen(long xid) {
        long low = xid & LOW_32_BITS;
        if ((int) (low - (xmax & LOW_32_BITS)) >= 0) {
            return true;
        }
        return inProgress.stream().anyMatch(open -> (open & LOW_32_BITS) == low);
    }
}
