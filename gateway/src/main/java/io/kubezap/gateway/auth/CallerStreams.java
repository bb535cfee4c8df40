package io.kubezap.gateway.auth;

import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many proxied calls and event streams each caller has open on this replica, at most
 * {@code kubezap.gateway.max-streams-per-caller}: one caller cannot hold all of the gateway's connections. A gateway
 * key counts as one caller, a Kubernetes user as one, a stream token by the address it is used from.
 */
@ApplicationScoped
public class CallerStreams {

    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();
    private final int max;

    CallerStreams(GatewayConfig config) {
        this.max = config.maxStreamsPerCaller();
    }

    /** Takes a slot for one more stream of {@code caller}; the returned action gives it back (once). 429 at the limit. */
    public Runnable open(Caller caller, String client) {
        AtomicInteger count = open.computeIfAbsent(id(caller, client), id -> new AtomicInteger());
        if (count.incrementAndGet() > max) {
            count.decrementAndGet();
            throw new GatewayException(429, "too-many-streams", "Too many open streams", "This caller has " + max
                    + " calls or streams open through the gateway already; close one first");
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
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
