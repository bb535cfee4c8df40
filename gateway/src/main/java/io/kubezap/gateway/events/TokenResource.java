package io.kubezap.gateway.events;

import io.kubezap.gateway.auth.Access;
import io.kubezap.gateway.auth.IssuedToken;
import io.kubezap.gateway.auth.RequestedSessions;
import io.kubezap.gateway.auth.StreamTokens;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import io.kubezap.contract.Problem;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Optional;

@Path("/api/v1/tokens")
@Tag(name = "Events")
public class TokenResource {

    private final Access access;
    private final StreamTokens tokens;
    private final String defaultNamespace;

    TokenResource(Access access, StreamTokens tokens, GatewayConfig config) {
        this.access = access;
        this.tokens = tokens;
        this.defaultNamespace = config.defaultNamespace();
    }

    /**
     * The sessions the token's stream covers; none named: everything the caller may read. Or {@code sessionSocket}
     * ({@code name} in the default namespace, or {@code namespace/name}): that session's own WebSocket
     * ({@code …/sessions/{name}/events/ws?token=}) through the gateway, for a caller who may read what it holds.
     */
    public record TokenRequest(List<String> namespace, List<String> session, String sessionSocket) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "createStreamToken", summary = "A token that opens one event stream (GET /api/v1/events/stream?token= or /api/v1/events/ws?token=) "
            + "within 60 s, or with sessionSocket one session's WebSocket (…/events/ws?token=), for browsers, which cannot "
            + "send headers there")
    public Response issue(TokenRequest body) {
        TokenRequest request = Optional.ofNullable(body).orElse(new TokenRequest(List.of(), List.of(), null));
        if (request.sessionSocket() != null) {
            return Response.status(201).entity(forSessionSocket(request)).build();
        }
        return Response.status(201).entity(tokens.issue(access.reach(request.namespace(), request.session()))).build();
    }

    private IssuedToken forSessionSocket(TokenRequest request) {
        if (!RequestedSessions.values(request.namespace()).isEmpty() || !RequestedSessions.values(request.session()).isEmpty()) {
            throw GatewayException.invalid("sessionSocket", "a token opens one session's WebSocket or event streams, not both");
        }
        String session = RequestedSessions.sessions(List.of(request.sessionSocket()), defaultNamespace).stream()
                .findFirst().orElseThrow(() -> GatewayException.invalid("sessionSocket", "must name a session"));
        String namespace = session.substring(0, session.indexOf('/'));
        String name = session.substring(session.indexOf('/') + 1);
        access.reach(List.of(), List.of(session)); // read-messages on it, and a key limited to chats gets no socket
        return tokens.issueForSessionSocket(namespace, name);
    }
}
