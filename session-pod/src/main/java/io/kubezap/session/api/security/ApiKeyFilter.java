package io.kubezap.session.api.security;

import io.kubezap.contract.SessionApi;
import io.kubezap.contract.payload.SignedMediaUrl;
import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.problem.ProblemMappers;
import io.kubezap.session.problem.ApiException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requires this session's API key on every API request, as {@code Authorization: Bearer <key>} or
 * {@code X-Api-Key: <key>}, or, for one message's file, a media link an event carried ({@link SignedMediaAccess}). Health, metrics and OpenAPI ({@code /q/*}) are not JAX-RS resources and stay open.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";
    private static final Pattern SESSION_PATH = Pattern.compile("/*" + SessionApi.SESSIONS.substring(1) + "/([^/?]+)");

    // filters are built during static init, before runtime configuration exists: resolve settings per request
    private final Instance<SessionSettings> settings;
    private final Instance<HostedSessions> sessions;

    public ApiKeyFilter(Instance<SessionSettings> settings, Instance<HostedSessions> sessions) {
        this.settings = settings;
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (signed(request)) {
            SignedMediaAccess.refusal(settings.get(), request.getMethod(), "/" + request.getUriInfo().getPath().replaceFirst("^/+", ""),
                            request.getUriInfo().getQueryParameters().getFirst(SignedMediaUrl.EXPIRES),
                            request.getUriInfo().getQueryParameters().getFirst(SignedMediaUrl.SIGNATURE), Instant.now())
                    .ifPresent(refused -> request.abortWith(ProblemMappers.respond(refused.problem())));
            return;
        }
        refusal(keyFor(request.getUriInfo().getPath()), request)
                .ifPresent(refused -> request.abortWith(ProblemMappers.respond(refused.problem())));
    }

    /** A media link's request: judged by its signature, not by a key. */
    private static boolean signed(ContainerRequestContext request) {
        return request.getUriInfo().getQueryParameters().getFirst(SignedMediaUrl.SIGNATURE) != null
                && request.getHeaderString(SessionApi.API_KEY_HEADER) == null
                && request.getHeaderString(HttpHeaders.AUTHORIZATION) == null;
    }

    private static Optional<ApiException> refusal(String sessionKey, ContainerRequestContext request) {
        return refusal(sessionKey, request.getHeaderString(SessionApi.API_KEY_HEADER), request.getHeaderString(HttpHeaders.AUTHORIZATION));
    }

    /**
     * The key of the session the path names, when this JVM holds it (each session on a host has its own), else the
     * pod's: a path naming a session not held is refused after, as not found (a path whose session this reading misses,
     * a matrix parameter say, matches no resource: {@code SessionsOnOneHostTest}).
     */
    private String keyFor(String path) {
        Matcher sessionPath = SESSION_PATH.matcher(path);
        Optional<String> sessionKey = sessionPath.lookingAt() ? sessions.get().apiKeyOf(sessionPath.group(1)) : Optional.empty();
        return sessionKey.orElseGet(() -> settings.get().apiKey());
    }

    /** Why a request with these headers is refused (401), or empty when it carries the key; for routes outside JAX-RS too. */
    public static Optional<ApiException> refusal(String apiKey, String apiKeyHeader, String authorization) {
        Optional<String> presented = presentedKey(apiKeyHeader, authorization);
        if (presented.isPresent() && MessageDigest.isEqual(apiKey.getBytes(StandardCharsets.UTF_8),
                presented.get().getBytes(StandardCharsets.UTF_8))) {
            return Optional.empty();
        }
        return Optional.of(new ApiException(401, "unauthorized", "Unauthorized",
                presented.isEmpty() ? "Send the API key as 'Authorization: Bearer <key>' or '" + SessionApi.API_KEY_HEADER + ": <key>'"
                        : "The API key is not valid for this session"));
    }

    private static Optional<String> presentedKey(String apiKey, String authorization) {
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(apiKey.trim());
        }
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).trim());
        }
        return Optional.empty();
    }
}
