package io.kubezap.gateway.events;

import io.kubezap.gateway.auth.Access;
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

    TokenResource(Access access, StreamTokens tokens) {
        this.access = access;
        this.tokens = tokens;
    }

    /** The sessions the token's stream covers; none named: everything the caller may read. */
    public record TokenRequest(List<String> namespace, List<String> session) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "A token that opens one event stream (GET /api/v1/events/stream?token= or /api/v1/events/ws?token=) "
            + "within 60 s, for browsers, which cannot send headers there")
    public Response issue(TokenRequest body) {
        TokenRequest request = Optional.ofNullable(body).orElse(new TokenRequest(List.of(), List.of()));
        return Response.status(201).entity(tokens.issue(access.reach(request.namespace(), request.session()))).build();
    }
}
