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
        String session = settings.get().name();
        String requested = request.getUriInfo().getPathParameters().getFirst("session");
        if (requested != null && !requested.equals(session)) {
            request.abortWith(ProblemMappers.respond(
                    ApiException.notFound("No session '" + requested + "' here; this pod serves '" + session + "'").problem()));
        }
    }
}
