package io.kubezap.gateway.auth;

import io.kubezap.gateway.problem.ProblemMappers;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many proxied calls and event streams each caller has open on this replica, at most
 * {@code kubezap.gateway.max-streams-per-caller}: one caller cannot hold all of the gateway's connections. A gateway
 * key counts as one caller, a Kubernetes user as one, a stream token or a signed media link by the address it is used
 * from. All callers
 * together hold at most {@code kubezap.gateway.max-streams}, so that many callers (or stream tokens used from many
 * addresses) cannot make one replica fan every event out to unbounded streams.
 */
@ApplicationScoped
public class CallerStreams {

    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final int max;
    private final int maxTotal;

    CallerStreams(GatewayConfig config) {
        this.max = config.maxStreamsPerCaller();
        this.maxTotal = config.maxStreams();
    }

    /** Takes a slot for one more stream of {@code caller}; the returned action gives it back (once). 429 at the limit. */
    public Runnable open(Caller caller, String client) {
        return take(id(caller, client));
    }

    /**
     * Takes a slot for a download through a signed media link, which names no caller: its holder is counted by the
     * address it comes from, as a stream token's is, within the same limits.
     */
    public Runnable openForMediaLink(String client) {
        return take("media-link/" + client);
    }

    private Runnable take(String callerId) {
        AtomicInteger count = open.computeIfAbsent(callerId, id -> new AtomicInteger());
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            throw new GatewayException(429, "too-many-streams", "Too many open streams", "This caller has " + max
                    + " calls or streams open through the gateway already; close one first");
        }
        if (total.incrementAndGet() > maxTotal) {
            total.decrementAndGet();
            count.decrementAndGet();
            throw new GatewayException(503, ProblemMappers.GATEWAY_BUSY, "Gateway busy", "This gateway replica serves "
                    + maxTotal + " calls and streams already; retry (another replica may take it)");
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                total.decrementAndGet();
                count.decrementAndGet();
            }
        };
    }

    private static String id(Caller caller, String client) {
        return switch (caller) {
            case Caller.KeyHolder key -> "key/" + key.scope().keyName();
            case Caller.KubernetesUser user -> "user/" + user.username();
            case Caller.StreamTokenHolder token -> "client/" + client;
        };
    }
}
