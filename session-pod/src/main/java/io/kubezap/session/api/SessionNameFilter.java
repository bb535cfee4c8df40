package io.kubezap.session.api;

import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.host.RequestSession;
import io.kubezap.session.problem.ApiException;
import io.kubezap.session.problem.ProblemMappers;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/**
 * {@code /api/v1/sessions/{session}} reaches a session this JVM serves, and the request serves it from here on
 * ({@link RequestSession}); any other name is not found here, whatever other sessions the JVM holds.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class SessionNameFilter implements ContainerRequestFilter {

    // filters are built during static init, before runtime configuration exists: resolve the sessions per request
    private final Instance<HostedSessions> sessions;

    public SessionNameFilter(Instance<HostedSessions> sessions) {
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String requested = request.getUriInfo().getPathParameters().getFirst("session");
        if (requested == null) {
            return;
        }
        Optional<ApiException> refused = refusal(sessions.get(), requested);
        if (refused.isPresent()) {
            request.abortWith(ProblemMappers.respond(refused.get().problem()));
            return;
        }
        RequestSession.name(requested);
    }

    /** A 404 when {@code requested} (the path's session) is not one {@code held}; for routes outside JAX-RS too. */
    public static Optional<ApiException> refusal(HostedSessions held, String requested) {
        return held.named(requested).isPresent() ? Optional.empty() : Optional.of(notHere(requested, held));
    }

    /** A pod names the one session it serves; a host names none of the others it holds. */
    private static ApiException notHere(String requested, HostedSessions held) {
        return held.count() == 1 && held.primary().isPresent()
                ? refusal(held.primary().get().name(), requested).orElseThrow()
                : ApiException.notFound("No session '" + requested + "' on this host");
    }

    private static Optional<ApiException> refusal(String session, String requested) {
        if (requested != null && !requested.equals(session)) {
            return Optional.of(ApiException.notFound("No session '" + requested + "' here; this pod serves '" + session + "'"));
        }
        return Optional.empty();
    }
}
