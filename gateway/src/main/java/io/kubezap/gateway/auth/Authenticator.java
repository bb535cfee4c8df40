package io.kubezap.gateway.auth;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/**
 * Who is calling: a gateway API key ({@code X-Api-Key} or {@code Authorization: Bearer}), a Kubernetes
 * ServiceAccount token ({@code Authorization: Bearer}, checked with a TokenReview), or — for an event stream only,
 * since browsers cannot set headers there — a short-lived stream token in the URL.
 */
@ApplicationScoped
public class Authenticator {

    private static final String BEARER = "Bearer ";

    private final GatewayKeys keys;
    private final KubernetesReviews reviews;
    private final StreamTokens streamTokens;

    Authenticator(GatewayKeys keys, KubernetesReviews reviews, StreamTokens streamTokens) {
        this.keys = keys;
        this.reviews = reviews;
        this.streamTokens = streamTokens;
    }

    /**
     * Empty when nothing valid was presented; {@code streamToken} is null outside the event streams. {@code client}
     * (its address) pays for unknown credentials: 429 once it has presented too many.
     */
    public Optional<Caller> authenticate(String apiKey, String authorization, String streamToken, String client) {
        String bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim() : null;
        if (apiKey != null && !apiKey.isBlank()) {
            return keys.scopeOf(apiKey.trim(), client).map(Caller.KeyHolder::new);
        }
        if (bearer != null && !bearer.isEmpty()) {
            Optional<Caller> key = keys.cached(bearer).map(Caller.KeyHolder::new);
            if (key.isPresent()) {
                return key;
            }
            return looksLikeAToken(bearer) ? reviews.authenticate(bearer, client).map(Caller.class::cast)
                    : keys.scopeOf(bearer, client).map(Caller.KeyHolder::new);
        }
        if (streamToken != null && !streamToken.isBlank()) {
            return streamTokens.redeem(streamToken).map(Caller.StreamTokenHolder::new);
        }
        return Optional.empty();
    }

    /** Kubernetes tokens are JWTs; anything else is a mistyped key, which the API server need not hear about. */
    private static boolean looksLikeAToken(String bearer) {
        return bearer.chars().filter(c -> c == '.').count() == 2;
    }

    /** Whom failed authentications are counted against: the remote address (the forwarded one behind a trusted proxy). */
    public static String client(io.vertx.core.http.HttpServerRequest request) {
        return request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    }

    public Permissions permissions(Caller caller) {
        return new Permissions(caller, reviews);
    }

    public static String unauthorizedDetail(boolean nothingPresented) {
        return nothingPresented
                ? "Present a gateway API key (X-Api-Key or Authorization: Bearer), a ServiceAccount token, or for an "
                + "event stream a token from POST /api/v1/tokens"
                : "The API key or token is not valid";
    }
}
