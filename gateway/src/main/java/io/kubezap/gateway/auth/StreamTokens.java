package io.kubezap.gateway.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short-lived tokens that open one event stream, for browsers (EventSource and WebSocket cannot send headers, and an
 * API key must never travel in a URL). A token is the sessions it covers and its expiry, signed with HMAC-SHA256
 * under a key every replica shares, so any replica accepts it; each replica accepts it once. A token opens either the
 * gateway's event streams or one session's proxied WebSocket, never the other.
 */
@ApplicationScoped
public class StreamTokens {

    public static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final Logger LOG = Logger.getLogger(StreamTokens.class);
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final byte[] key;
    private final ObjectMapper json;
    private final Clock clock;
    private final Map<String, Instant> redeemed = new ConcurrentHashMap<>();

    @Inject
    StreamTokens(GatewayConfig config, ObjectMapper json) {
        this(config.streamTokenKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(StreamTokens::randomKey),
                json, Clock.systemUTC());
        if (config.streamTokenKey().isEmpty()) {
            LOG.warn("kubezap.gateway.stream-token-key is not set: stream tokens work only on the replica that issued them");
        }
    }

    StreamTokens(byte[] key, ObjectMapper json, Clock clock) {
        this.key = key;
        this.json = json;
        this.clock = clock;
    }

    /**
     * What a token carries: the sessions, when it stops being valid, its id (for one use), and what it opens: the
     * gateway's event streams ({@code socket} null) or one session's proxied WebSocket ({@code namespace/name}).
     */
    record Claims(SessionSet reach, long expiresAt, String id, String socket) {
    }

    /** A token for one of the gateway's event streams over {@code reach}. */
    public IssuedToken issue(SessionSet reach) {
        return issue(reach, null);
    }

    /** A token for session {@code name}'s own WebSocket ({@code …/events/ws}) through the gateway, and nothing else. */
    public IssuedToken issueForSessionSocket(String namespace, String name) {
        String session = namespace + "/" + name;
        return issue(new SessionSet(Set.of(), Set.of(session)), session);
    }

    private IssuedToken issue(SessionSet reach, String socket) {
        Instant expiresAt = clock.instant().plus(LIFETIME);
        Claims claims = new Claims(reach, expiresAt.getEpochSecond(), UUID.randomUUID().toString(), socket);
        String body = ENCODE.encodeToString(write(claims));
        return new IssuedToken(body + "." + ENCODE.encodeToString(sign(body)), expiresAt);
    }

    /** The sessions of a valid, unexpired event-stream token not used before on this replica; empty otherwise. */
    public Optional<SessionSet> redeem(String token) {
        return redeem(token, null);
    }

    /** Whether {@code token} is a valid, unexpired token for this session's WebSocket, not used before on this replica. */
    public boolean redeemForSessionSocket(String token, String namespace, String name) {
        return redeem(token, namespace + "/" + name).isPresent();
    }

    private Optional<SessionSet> redeem(String token, String socket) {
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String body = token.substring(0, dot);
        byte[] signature;
        try {
            signature = DECODE.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(sign(body), signature)) {
            return Optional.empty();
        }
        Claims claims = read(DECODE.decode(body));
        Instant now = clock.instant();
        redeemed.values().removeIf(expiry -> expiry.isBefore(now));
        if (!Objects.equals(claims.socket(), socket) || Instant.ofEpochSecond(claims.expiresAt()).isBefore(now)
                || redeemed.putIfAbsent(claims.id(), Instant.ofEpochSecond(claims.expiresAt())) != null) {
            return Optional.empty();
        }
        return Optional.of(claims.reach());
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(body.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] write(Claims claims) {
        try {
            return json.writeValueAsBytes(claims);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Claims read(byte[] body) {
        try {
            return json.readValue(body, Claims.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a token signed with our key does not parse", e);
        }
    }

    private static byte[] randomKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
