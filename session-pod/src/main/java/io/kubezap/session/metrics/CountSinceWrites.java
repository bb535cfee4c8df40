package io.kubezap.session.metrics;

import java.util.function.LongSupplier;

/**
 * A count of the session's rows for a gauge, read from the database again only once the session's writes moved on since
 * the last reading: an idle session's scrapes then query nothing, and its pool can let its last connection go (the chart
 * scrapes every 30 s, more often than the pool's idle timeout). A failed reading is not kept: the next scrape tries again.
 */
final class CountSinceWrites {

    private final LongSupplier writesEnded;
    private final LongSupplier count;
    private long readAfterWrites = -1;
    private long value;

    CountSinceWrites(LongSupplier writesEnded, LongSupplier count) {
        this.writesEnded = writesEnded;
        this.count = count;
    }

    /** The count; throws as {@code count} does while the database is out of reach. */
    synchronized long current() {
        long writes = writesEnded.getAsLong();
        if (writes != readAfterWrites) {
            value = count.getAsLong();
            readAfterWrites = writes;
        }
        return value;
    }
}
