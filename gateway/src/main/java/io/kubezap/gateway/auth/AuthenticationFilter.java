package io.kubezap.gateway.auth;

import io.kubezap.gateway.problem.Problem;
import io.kubezap.gateway.problem.ProblemMappers;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Optional;

/**
 * Every call under {@code /api/} presents a gateway API key ({@code X-Api-Key} or {@code Authorization: Bearer}) or
 * a Kubernetes ServiceAccount token ({@code Authorization: Bearer}), checked with a TokenReview.
 */
public class AuthenticationFilter {

    private static final String BEARER = "Bearer ";

    private final GatewayKeys keys;
    private final KubernetesReviews reviews;
    private final Access access;

    AuthenticationFilter(GatewayKeys keys, KubernetesReviews reviews, Access access) {
        this.keys = keys;
        this.reviews = reviews;
        this.access = access;
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/")) {
            return Optional.empty();
        }
        String apiKey = request.getHeaderString("X-Api-Key");
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String bearer = authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length()).trim() : null;
        Optional<Caller> caller = Optional.empty();
        if (apiKey != null && !apiKey.isBlank()) {
            caller = keys.scopeOf(apiKey.trim()).map(Caller.KeyHolder::new);
        } else if (bearer != null && !bearer.isEmpty()) {
            caller = keys.scopeOf(bearer).<Caller>map(Caller.KeyHolder::new)
                    .or(() -> looksLikeAToken(bearer) ? reviews.authenticate(bearer) : Optional.empty());
        }
        if (caller.isEmpty()) {
            return Optional.of(unauthorized(apiKey == null && bearer == null));
        }
        access.authenticated(caller.get());
        return Optional.empty();
    }

    /** Kubernetes tokens are JWTs; anything else is a mistyped key, which the API server need not hear about. */
    private static boolean looksLikeAToken(String bearer) {
        return bearer.chars().filter(c -> c == '.').count() == 2;
    }

    private static Response unauthorized(boolean missing) {
        Response problem = ProblemMappers.respond(Problem.of("unauthorized", "Unauthorized", 401, missing
                ? "Present a gateway API key (X-Api-Key or Authorization: Bearer) or a ServiceAccount token"
                : "The API key or token is not valid", List.of()));
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
