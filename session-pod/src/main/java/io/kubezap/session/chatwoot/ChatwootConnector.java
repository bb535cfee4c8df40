package io.kubezap.session.chatwoot;

import io.kubezap.session.event.EventSignal;
import io.kubezap.session.retry.Backoff;
import io.kubezap.session.retry.Pause;
import io.kubezap.session.host.SessionThreads;
import io.kubezap.session.retry.Workers;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The running connector: links the inbox, then mirrors the outbox's events into Chatwoot in event order, one worker (a
 * virtual thread). An event leaves the outbox only in the transaction that records what it became in Chatwoot; a
 * failed one is tried again, before anything newer, after a backoff. One Chatwoot refuses for good (a 4xx other than
 * 404, 408, 429) is given up after {@link #GIVE_UP_AFTER} tries and logged, so it cannot hold back every later message.
 */
final class ChatwootConnector {

    static final int GIVE_UP_AFTER = 5;
    private static final Logger LOG = Logger.getLogger(ChatwootConnector.class);
    private static final Duration IDLE_LOOK = Duration.ofSeconds(1);

    private final ChatwootStore store;
    private final ChatwootInbox inbox;
    private final Function<ChatwootStore.Inbox, ChatwootMirror> mirrors;
    private final Function<ChatwootStore.Inbox, ChatwootReplies> replies;
    private final EventSignal signal;
    private final Backoff backoff;
    private final Duration importSettle;
    private final Workers workers = new Workers();
    private volatile boolean running;
    private volatile ChatwootReplies linkedReplies;

    ChatwootConnector(ChatwootStore store, ChatwootInbox inbox, Function<ChatwootStore.Inbox, ChatwootMirror> mirrors,
                      Function<ChatwootStore.Inbox, ChatwootReplies> replies, EventSignal signal, Backoff backoff,
                      Duration importSettle) {
        this.importSettle = importSettle;
        this.store = store;
        this.inbox = inbox;
        this.mirrors = mirrors;
        this.replies = replies;
        this.signal = signal;
        this.backoff = backoff;
    }

    void start() {
        running = true;
        workers.start("chatwoot", SessionThreads.named(this::work));
    }

    void stop() throws InterruptedException {
        running = false;
        workers.stopAll();
    }

    /** The webhook's handler, once the inbox is linked. */
    Optional<ChatwootReplies> replies() {
        return Optional.ofNullable(linkedReplies);
    }

    private void work() {
        Optional<ChatwootMirror> mirror = link();
        if (mirror.isEmpty()) {
            return;
        }
        Head head = new Head();
        try {
            while (running) {
                long seen = signal.generation();
                List<ChatwootStore.Pending> pending;
                List<ChatwootStore.PendingImport> imports;
                try {
                    pending = store.oldestPending(50);
                    imports = pending.isEmpty() ? store.settledImports(Instant.now().minus(importSettle), 20) : List.of();
                } catch (RuntimeException databaseAway) {
                    LOG.warnf("Chatwoot: cannot read the events to mirror (%s); retrying", databaseAway.getMessage());
                    if (!Pause.sleep(IDLE_LOOK)) {
                        return;
                    }
                    continue;
                }
                if (pending.isEmpty() && imports.isEmpty()) {
                    signal.await(seen, IDLE_LOOK);
                    continue;
                }
                // what happens now comes first; the bounded import of the past fills the quiet moments
                boolean goOn = pending.isEmpty() ? importAll(mirror.get(), imports, head) : mirrorAll(mirror.get(), pending, head);
                if (!goOn) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The item the worker is stuck on, and how often it failed. */
    private static final class Head {
        private String key = "";
        private int failures;

        int failed(String itemKey) {
            if (!itemKey.equals(key)) {
                key = itemKey;
                failures = 0;
            }
            return ++failures;
        }
    }

    /** Mirrors the events in order, up to the first failure; false when the pod stops. */
    private boolean mirrorAll(ChatwootMirror mirror, List<ChatwootStore.Pending> pending, Head head) {
        for (ChatwootStore.Pending event : pending) {
            try {
                if (!event.attempted()) {
                    store.attempting(event.eventId(), Instant.now());
                }
                store.mirrored(event.eventId(), mirror.mirror(event));
            } catch (RuntimeException failed) {
                String what = "event " + event.eventId() + " (" + event.type() + ")";
                return retry(what, failed, head.failed("event-" + event.eventId()),
                        () -> store.mirrored(event.eventId(), Optional.empty()), error -> store.failed(event.eventId(), error));
            }
        }
        return true;
    }

    /** Imports past messages, oldest first, up to the first failure; false when the pod stops. */
    private boolean importAll(ChatwootMirror mirror, List<ChatwootStore.PendingImport> imports, Head head) {
        for (ChatwootStore.PendingImport message : imports) {
            try {
                if (!message.attempted()) {
                    store.importing(message.messageId(), Instant.now());
                }
                store.imported(message.messageId(), mirror.imported(message));
            } catch (RuntimeException failed) {
                String what = "imported message " + message.messageId();
                return retry(what, failed, head.failed("import-" + message.messageId()),
                        () -> store.imported(message.messageId(), Optional.empty()), error -> store.importFailed(message.messageId(), error));
            }
        }
        return true;
    }

    /** Links the inbox, retrying until Chatwoot answers; empty when the pod stops first. */
    private Optional<ChatwootMirror> link() {
        for (int attempt = 0; running; attempt++) {
            try {
                ChatwootStore.Inbox linked = inbox.link();
                linkedReplies = replies.apply(linked);
                LOG.infof("Chatwoot: linked to inbox %d of account %d", linked.inboxId(), linked.accountId());
                return Optional.of(mirrors.apply(linked));
            } catch (RuntimeException failed) {
                LOG.warnf("Chatwoot: the inbox could not be linked (%s); retrying", failed.getMessage());
                if (!Pause.sleep(backoff.delay(attempt))) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Whether to go on (false: the pod stops). A refusal for good is given up after a few tries. */
    private boolean retry(String what, RuntimeException failed, int failures, Runnable giveUp, Consumer<String> recordFailure) {
        String error = failed.getClass().getSimpleName() + ": " + failed.getMessage();
        boolean forGood = failed instanceof ChatwootException refused && !refused.isTransient() && refused.status() != 404;
        try {
            if (forGood && failures >= GIVE_UP_AFTER) {
                LOG.warnf("Chatwoot: %s given up after %d refusals: %s", what, failures, error);
                giveUp.run();
                return true;
            }
            recordFailure.accept(error);
        } catch (RuntimeException databaseAway) {
            // only a report: the retry goes ahead
        }
        LOG.warnf("Chatwoot: %s not mirrored (%s); retrying", what, error);
        return Pause.sleep(backoff.delay(failures - 1));
    }
}
