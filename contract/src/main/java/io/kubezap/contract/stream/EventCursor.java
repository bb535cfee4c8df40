package io.kubezap.contract.stream;

/**
 * Where a reader of the events table stands: every event up to {@code after} is read, except those whose transaction
 * was {@code open} at the last read. Ids are drawn before commit, so such an event may commit later with an id below
 * ones already read; by id alone ({@code id > after}) it would be skipped for good. The one rule, for the pod's
 * streams and the gateway's catch-up: read the ids above {@code after}, and, below it, the events that
 * {@link #committedSince} the last read.
 */
public record EventCursor(long after, OpenTransactions open) {

    /**
     * Whether an event at or below the cursor, seen {@code now}, is one not read before: its {@code writer} was open
     * at the last read and has committed since. A row is committed when seen, so the second test only passes over
     * writers the 32-bit comparison would misplace (rows older than 2^31 transactions).
     */
    public boolean committedSince(long id, long writer, OpenTransactions now) {
        return id <= after && open.wasOpen(writer) && !now.wasOpen(writer);
    }

    /** After a read at {@code now} that took every committed event up to {@code highest} (ids above it may be open). */
    public EventCursor readAt(OpenTransactions now, long highest) {
        return new EventCursor(Math.max(after, highest), now);
    }
}
