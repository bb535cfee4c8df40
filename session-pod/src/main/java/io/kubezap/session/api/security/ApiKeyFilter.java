package io.kubezap.session.api.security;

import io.kubezap.contract.SessionApi;
import io.kubezap.contract.payload.SignedMediaUrl;
import io.kubezap.session.host.HostedSession;
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

    // filters are built during static init, before runtime configuration exists: resolve the sessions per request
    private final Instance<HostedSessions> sessions;

    public ApiKeyFilter(Instance<HostedSessions> sessions) {
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        String requested = requestedSession(path);
        Optional<HostedSession> judging = sessions.get().judging(requested);
        if (judging.isEmpty()) { // a host, and a path naming no session it holds: no key to check, nothing to answer
            request.abortWith(ProblemMappers.respond(ApiException.notFound(requested == null
                    ? "A host answers only under the path of a session it holds (/api/v1/sessions/{session})"
                    : "No session '" + requested + "' on this host").problem()));
            return;
        }
        if (signed(request)) {
            SignedMediaAccess.refusal(judging.get().settings(), request.getMethod(), "/" + path.replaceFirst("^/+", ""),
                            request.getUriInfo().getQueryParameters().getFirst(SignedMediaUrl.EXPIRES),
                            request.getUriInfo().getQueryParameters().getFirst(SignedMediaUrl.SIGNATURE), Instant.now())
                    .ifPresent(refused -> request.abortWith(ProblemMappers.respond(refused.problem())));
            return;
        }
        refusal(judging.get().apiKey(), request)
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
     * The session the path names, whose key it must carry (each session on a host has its own); null for a path naming
     * none. A pod judges a path naming a session it does not hold by its own key and refuses it after, as not found (a
     * path whose session this reading misses, a matrix parameter say, matches no resource: {@code SessionsOnOneHostTest}).
     */
    private static String requestedSession(String path) {
        Matcher sessionPath = SESSION_PATH.matcher(path);
        return sessionPath.lookingAt() ? sessionPath.group(1) : null;
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
