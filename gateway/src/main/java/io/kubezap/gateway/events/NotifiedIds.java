package io.kubezap.gateway.events;

import org.postgresql.PGNotification;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the feed takes from its notifications: a wake-up and candidate ids, never the truth. Any role that may log in
 * to the database may NOTIFY a channel whose name it knows (PostgreSQL has no privilege for it; the name is secret,
 * V84), so a payload that is not an id is
 * ignored, an id counts only once the events table returned its row, and an id already handed out is not handed out
 * again (a replayed notification). Remembers the last {@link #REMEMBERED} ids handed out; older ones are refused.
 */
final class NotifiedIds {

    static final int REMEMBERED = 10_000;

    private final Deque<Long> order = new ArrayDeque<>();
    private final Set<Long> handed = new HashSet<>();

    /** The positive ids among the payloads, in order; junk is dropped. */
    static long[] parse(PGNotification[] batch) {
        return Arrays.stream(batch).map(PGNotification::getParameter).filter(Objects::nonNull)
                .map(NotifiedIds::id).filter(id -> id > 0).mapToLong(Long::longValue).toArray();
    }

    /** Not handed out yet, nor older than every id remembered. */
    boolean isNew(long id) {
        return !handed.contains(id) && (order.size() < REMEMBERED || id > order.peekFirst());
    }

    void handedOut(long id) {
        if (handed.add(id)) {
            order.addLast(id);
            if (order.size() > REMEMBERED) {
                handed.remove(order.removeFirst());
            }
        }
    }

    private static long id(String payload) {
        try {
            return Long.parseLong(payload.trim());
        } catch (NumberFormatException notAnId) {
            return -1;
        }
    }
}
