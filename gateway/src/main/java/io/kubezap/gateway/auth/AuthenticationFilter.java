package io.kubezap.gateway.auth;

import io.kubezap.contract.SessionApi;
import io.kubezap.contract.Problem;
import io.kubezap.gateway.problem.GatewayException;
import io.kubezap.gateway.problem.ProblemMappers;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Optional;

/** Every call under {@code /api/} is authenticated by the {@link Authenticator}; the caller goes to {@link Access}. */
public class AuthenticationFilter {

    private final Authenticator authenticator;
    private final Access access;

    AuthenticationFilter(Authenticator authenticator, Access access) {
        this.authenticator = authenticator;
        this.access = access;
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request, HttpServerRequest connection) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/api/")) {
            return Optional.empty();
        }
        String apiKey = request.getHeaderString(SessionApi.API_KEY_HEADER);
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        // stream tokens open event streams only, which Vert.x serves (EventRoutes): never here
        Optional<Caller> caller;
        try {
            caller = authenticator.authenticate(apiKey, authorization, null, Authenticator.client(connection));
        } catch (GatewayException refused) {
            return Optional.of(ProblemMappers.respond(refused.problem()));
        }
        if (caller.isEmpty()) {
            return Optional.of(unauthorized(apiKey == null && authorization == null));
        }
        access.authenticated(caller.get(), Authenticator.client(connection));
        return Optional.empty();
    }

    private static Response unauthorized(boolean missing) {
        Response problem = ProblemMappers.respond(Problem.of("unauthorized", "Unauthorized", 401,
                Authenticator.unauthorizedDetail(missing), List.of()));
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
