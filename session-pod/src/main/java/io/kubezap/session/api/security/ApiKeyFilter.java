package io.kubezap.session.api.security;

import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.problem.ProblemMappers;
import io.kubezap.session.problem.Problem;
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
import java.util.List;
import java.util.Optional;

/**
 * Requires this session's API key on every API request, as {@code Authorization: Bearer <key>} or
 * {@code X-Api-Key: <key>}. Health, metrics and OpenAPI ({@code /q/*}) are not JAX-RS resources and stay open.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    // filters are built during static init, before runtime configuration exists: resolve settings per request
    private final Instance<SessionSettings> settings;

    public ApiKeyFilter(Instance<SessionSettings> settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        byte[] expected = settings.get().apiKey().getBytes(StandardCharsets.UTF_8);
        Optional<String> presented = presentedKey(request);
        if (presented.isEmpty() || !MessageDigest.isEqual(expected, presented.get().getBytes(StandardCharsets.UTF_8))) {
            request.abortWith(ProblemMappers.respond(Problem.of("unauthorized", "Unauthorized", 401,
                    presented.isEmpty() ? "Send the API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'"
                            : "The API key is not valid for this session", List.of())));
        }
    }

    private static Optional<String> presentedKey(ContainerRequestContext request) {
        String apiKey = request.getHeaderString("X-Api-Key");
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(apiKey.trim());
        }
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.of(authorization.substring(BEARER.length()).trim());
        }
        return Optional.empty();
    }
}
