package io.kubezap.session.autoreply;

import io.kubezap.contract.SessionState;
import io.kubezap.session.db.Timestamps;
import io.kubezap.session.state.SessionStateMachine;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Incoming messages the automatic replies let go unanswered because of a limit, not a rule:
 * {@code kubezap_auto_replies_dropped_total{reason}} ({@code queue-full}: more waiting than the replier holds;
 * {@code chat-cap}, {@code daily-cap}, {@code too-fast}: the AI responder's limits). Registered at the first drop: a
 * session that never dropped one shows none. The log says so at the first drop of each reason and every 100th after.
 * The session's state carries the count ({@link SessionState.AutoRepliesDropped}) from the first drop on, published
 * again every 100th, so the operator's Event tells the namespace's owner without a state write per dropped message.
 */
@Singleton
public class AutoReplyDrops {

    private static final Logger LOG = Logger.getLogger(AutoReplyDrops.class);
    private static final int LOGGED_EVERY = SessionState.AutoRepliesDropped.PUBLISHED_EVERY;

    private final PrometheusRegistry registry;
    private final Consumer<SessionState.AutoRepliesDropped> state;
    private final java.util.Map<String, AtomicLong> counts = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();
    private Counter dropped;

    @Inject
    public AutoReplyDrops(PrometheusRegistry registry, SessionStateMachine state) {
        this(registry, state::autoRepliesDropped);
    }

    AutoReplyDrops(PrometheusRegistry registry, Consumer<SessionState.AutoRepliesDropped> state) {
        this.registry = registry;
        this.state = state;
    }

    void dropped(String reason, String chat, String messageId) {
        counter().labelValues(reason).inc();
        long count = counts.computeIfAbsent(reason, ignored -> new AtomicLong()).incrementAndGet();
        if (count % LOGGED_EVERY == 1) {
            LOG.warnf("Automatic reply dropped (%s): message %s in %s not answered; %d dropped so far for %s", reason, messageId,
                    chat, count, reason);
        }
        long all = total.incrementAndGet();
        if (all % SessionState.AutoRepliesDropped.PUBLISHED_EVERY == 1) {
            state.accept(new SessionState.AutoRepliesDropped(all, reason, Timestamps.now()));
        }
    }

    /** How many were dropped for {@code reason} since the pod started. */
    long count(String reason) {
        var count = counts.get(reason);
        return count == null ? 0 : count.get();
    }

    private synchronized Counter counter() {
        if (dropped == null) {
            dropped = Counter.builder().name("kubezap_auto_replies_dropped")
                    .help("Incoming messages left unanswered by the automatic replies because of a limit, by reason")
                    .labelNames("reason").withoutExemplars()
                    .register(registry);
        }
        return dropped;
    }
}
