package io.kubezap.gateway.auth;

import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fresh confirmation of an action that ends a session (delete, suspend, logout), required of calls a browser makes:
 * the dashboard asks its user to type the session's name, trades it for a token ({@code POST …/confirmations}) and
 * sends the token in {@value #HEADER}. A token names the caller, the action and the session, lives
 * {@link #LIFETIME} and is taken once per replica; it is signed with the stream tokens' key, which every replica shares.
 * A call is a browser's when it carries {@value #FETCH_SITE}, which every current browser adds to each request and no
 * page can remove: clients holding a key (scripts, SDKs, kubectl-zap) send none and need no confirmation.
 */
@ApplicationScoped
public class SessionConfirmations {

    public static final String HEADER = "X-Kubezap-Confirmation";
    public static final String FETCH_SITE = "Sec-Fetch-Site";
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();

    private final byte[] key;
    private final Clock clock;
    private final Map<String, Instant> taken = new ConcurrentHashMap<>();

    @Inject
    SessionConfirmations(GatewayConfig config) {
        this(config.streamTokenKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElseGet(SessionConfirmations::randomKey),
                Clock.systemUTC());
    }

    SessionConfirmations(byte[] key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /** A confirmation issued to {@code caller} for one action on one session. */
    public record ActionConfirmation(String token, Instant expiresAt) {
    }

    public ActionConfirmation issue(Caller caller, SessionAudit.Action action, String namespace, String name) {
        Instant expiresAt = clock.instant().plus(LIFETIME);
        String claims = String.join("\n", SessionAudit.who(caller), action.name(), namespace, name,
                Long.toString(expiresAt.getEpochSecond()), UUID.randomUUID().toString());
        String payload = ENCODE.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        return new ActionConfirmation(payload + "." + ENCODE.encodeToString(sign(payload)), expiresAt);
    }

    /**
     * 428 {@code confirmation-required} when a browser's call to end a session carries no confirmation, or one not
     * issued to this caller for this action on this session, expired or already used.
     */
    public void requireFromBrowser(String fetchSite, String token, Caller caller, SessionAudit.Action action,
                                   String namespace, String name) {
        if (fetchSite != null && !redeem(token, caller, action, namespace, name)) {
            throw new GatewayException(428, "confirmation-required", "Confirmation required",
                    "a browser's " + action.name().toLowerCase(java.util.Locale.ROOT) + " of session " + namespace + "/"
                            + name + " needs the token of POST …/confirmations (the session's name typed by the user) in "
                            + HEADER + ", used once within " + LIFETIME.toSeconds() + " s");
        }
    }

    private boolean redeem(String token, Caller caller, SessionAudit.Action action, String namespace, String name) {
        if (token == null) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return false;
        }
        String payload = token.substring(0, dot);
        byte[] signature;
        String[] claims;
        try {
            signature = DECODE.decode(token.substring(dot + 1));
            claims = new String(DECODE.decode(payload), StandardCharsets.UTF_8).split("\n", -1);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        if (!MessageDigest.isEqual(signature, sign(payload)) || claims.length != 6) {
            return false;
        }
        Instant now = clock.instant();
        Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(claims[4]));
        taken.values().removeIf(expiry -> expiry.isBefore(now));
        return claims[0].equals(SessionAudit.who(caller)) && claims[1].equals(action.name())
                && claims[2].equals(namespace) && claims[3].equals(name) && now.isBefore(expiresAt)
                && taken.putIfAbsent(claims[5], expiresAt) == null;
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("session-confirmation\n" + payload).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }
}
