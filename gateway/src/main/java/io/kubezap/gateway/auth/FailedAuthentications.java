package io.kubezap.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;

/**
 * How many more failed authentications a client may cost the API server (a key not in the cache is looked up, a new
 * token is reviewed): a token bucket per client address and one for all clients. Only failures spend it, so a client
 * with a valid credential is never held back; once it is spent, unknown credentials get 429 without the API server
 * hearing of them, while credentials already in the caches keep working.
 */
@ApplicationScoped
public class FailedAuthentications {

    private final Cache<String, Bucket> perClient;
    private final Bucket total;
    private final int perClientCapacity;
    private final Duration refill;

    FailedAuthentications(GatewayConfig config) {
        this.perClientCapacity = config.authFailuresPerClient();
        this.refill = config.authFailureRefill();
        this.total = bucket(config.authFailuresTotal(), 10, refill);
        this.perClient = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    private static Bucket bucket(int capacity, int perRefill, Duration refill) {
        return Bucket.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(perRefill, refill)).build();
    }

    /** 429 when {@code client} (or everyone together) has failed too often lately to be looked up once more. */
    void requireBudget(String client) {
        if (total.getAvailableTokens() < 1 || of(client).getAvailableTokens() < 1) {
            throw new GatewayException(429, "too-many-failed-authentications", "Too many failed authentications",
                    "Too many unknown keys or tokens were presented lately; only known ones are accepted for now");
        }
    }

    void failed(String client) {
        total.tryConsume(1);
        of(client).tryConsume(1);
    }

    private Bucket of(String client) {
        return perClient.get(client == null ? "" : client, c -> bucket(perClientCapacity, 1, refill));
    }
}
