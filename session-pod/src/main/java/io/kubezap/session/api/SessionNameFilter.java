package io.kubezap.session.api;

import io.kubezap.session.config.SessionSettings;
import io.kubezap.session.problem.ApiException;
import io.kubezap.session.problem.ProblemMappers;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/** This pod serves one session: any other name in {@code /api/v1/sessions/{session}} is not found here. */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class SessionNameFilter implements ContainerRequestFilter {

    // filters are built during static init, before runtime configuration exists: resolve settings per request
    private final Instance<SessionSettings> settings;

    public SessionNameFilter(Instance<SessionSettings> settings) {
        this.settings = settings;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        refusal(settings.get().name(), request.getUriInfo().getPathParameters().getFirst("session"))
                .ifPresent(refused -> request.abortWith(ProblemMappers.respond(refused.problem())));
    }

    /** A 404 when {@code requested} (the path's session, if any) is not this pod's session; for routes outside JAX-RS too. */
    public static Optional<ApiException> refusal(String session, String requested) {
        if (requested != null && !requested.equals(session)) {
            return Optional.of(ApiException.notFound("No session '" + requested + "' here; this pod serves '" + session + "'"));
        }
        return Optional.empty();
    }
}
