package io.kubezap.gateway.events;

import io.kubezap.contract.StreamDropped;
import io.kubezap.contract.filter.EventFilter;
import io.kubezap.gateway.auth.SessionSet;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One client's stream: subscribes to the live feed first, then (when resuming) sends the stored events after the
 * client's last one, then the live ones — each once: the replayed ones, and any at or before the client's last, are
 * skipped when they also come live.
 */
final class FeedStream {

    /** Why a client that fell behind the feed (its buffer full) is dropped. */
    static final String TOO_SLOW = "the client read slower than events came";
    private static final int REPLAY_PAGE = 500;
    /** Replayed ids remembered to skip their live copies: commits land out of id order only by moments. */
    private static final int REMEMBERED = 10_000;

    private final EventFeed feed;
    private final EventHistory history;
    private final SessionSet sessions;
    private final Set<String> types;
    private final FeedFilter filter;
    private final Duration heartbeat;
    private final int maxReplay;
    private final Subscription live;
    private FeedWriter sink;
    /** Where the client would resume; unknown (-1) until a live stream holds its first event. */
    private long lastSent = -1;

    /** Subscribes at once: what is recorded from here on reaches the client, even before its connection is up. */
    FeedStream(EventFeed feed, EventHistory history, SessionSet sessions, Set<String> types, Duration heartbeat) {
        this(feed, history, sessions, types, new FeedFilter(EventFilter.EVERYTHING), heartbeat, Integer.MAX_VALUE);
    }

    FeedStream(EventFeed feed, EventHistory history, SessionSet sessions, Set<String> types, Duration heartbeat,
               int maxReplay) {
        this(feed, history, sessions, types, new FeedFilter(EventFilter.EVERYTHING), heartbeat, maxReplay);
    }

    /**
     * {@code filter}: which of the types' events by chat, direction and who acted, applied as they are sent;
     * {@code maxReplay}: the most events a resumed stream replays before it is dropped with where to go on.
     */
    FeedStream(EventFeed feed, EventHistory history, SessionSet sessions, Set<String> types, FeedFilter filter,
               Duration heartbeat, int maxReplay) {
        this.filter = filter;
        this.maxReplay = maxReplay;
        this.feed = feed;
        this.history = history;
        this.sessions = sessions;
        this.types = types;
        this.heartbeat = heartbeat;
        this.live = feed.subscribe(sessions, types);
    }

    /** For a stream whose connection never came up. */
    void cancel() {
        feed.unsubscribe(live);
    }

    /** Ends when the client goes away, is dropped, or this thread is interrupted. */
    void run(FeedWriter to, OptionalLong resumeAfter) throws InterruptedException, SQLException {
        this.sink = to;
        try {
            sink.opened();
            Set<Long> replayed = resumeAfter.isPresent() ? replay(resumeAfter.getAsLong()) : Set.of();
            if (replayed == null) {
                return;
            }
            while (!sink.closed()) {
                FeedEvent event = live.next(heartbeat);
                if (event != null && lastSent < 0) {
                    lastSent = event.id() - 1;
                }
                if (live.overflowed()) {
                    sink.drop(StreamDropped.slowClient(lastSent, TOO_SLOW));
                    return;
                }
                if (event == null) {
                    sink.heartbeat();
                } else if (!alreadyHad(event, resumeAfter, replayed) && filter.passes(event) && !send(event)) {
                    return;
                }
            }
        } finally {
            feed.unsubscribe(live);
        }
    }

    /**
     * What the client has: an event at or before its resume point (the feed may hand it to this stream after it
     * subscribed, its notification coming late), or one it was just replayed.
     */
    private static boolean alreadyHad(FeedEvent event, OptionalLong resumeAfter, Set<Long> replayed) {
        return resumeAfter.isPresent() && event.id() <= resumeAfter.getAsLong() || replayed.contains(event.id());
    }

    /** The ids replayed; null when the stream ended during the replay (dropped, or at its most events). */
    private Set<Long> replay(long after) throws InterruptedException, SQLException {
        Set<Long> sent = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        });
        lastSent = after;
        int replayed = 0;
        while (true) {
            int wanted = Math.min(REPLAY_PAGE, maxReplay - replayed);
            if (wanted == 0) {
                if (history.after(lastSent, sessions, types, 1).isEmpty()) {
                    return sent;
                }
                sink.drop(StreamDropped.replayLimit(lastSent, maxReplay));
                return null;
            }
            List<FeedEvent> page = history.after(lastSent, sessions, types, wanted);
            for (FeedEvent event : page) {
                if (!filter.passes(event)) {
                    lastSent = event.id(); // read past: the next page starts after it
                    continue;
                }
                if (!send(event)) {
                    return null;
                }
                sent.add(event.id());
                replayed++;
            }
            if (page.isEmpty()) { // a page is bounded by bytes too: fewer than wanted is not the end
                return sent;
            }
        }
    }

    private boolean send(FeedEvent event) throws InterruptedException {
        if (!sink.send(event)) {
            if (!sink.closed()) {
                sink.drop(StreamDropped.slowClient(lastSent, TOO_SLOW));
            }
            return false;
        }
        lastSent = event.id();
        return true;
    }
}
