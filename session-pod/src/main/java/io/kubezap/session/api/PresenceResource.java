package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.presence.Presences;
import io.kubezap.session.problem.ApiException;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

@Path(SessionApi.SESSION + "/presence")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Presence")
public class PresenceResource {

    private final Presences presences;

    public PresenceResource(Presences presences) {
        this.presences = presences;
    }

    /** {@code {"state": ...}}. */
    public record StateRequest(@Size(max = 32) String state) {
    }

    /** {@code {"jid": ...}}: a phone number or JID. */
    public record SubscribeRequest(@Size(max = 128) String jid) {
    }

    @POST
    @Operation(operationId = "setPresence", summary = "Show this account online (available) or offline (unavailable); online, the phone stops notifying")
    public Map<String, Object> set(StateRequest request) {
        String state = BodyConstraints.check(request).state();
        return switch (state == null ? "" : state) {
            case "available" -> presences.setOwn(true);
            case "unavailable" -> presences.setOwn(false);
            default -> throw ApiException.invalid("state", "must be available or unavailable");
        };
    }

    @POST
    @Path("subscribe")
    @Operation(operationId = "subscribePresence", summary = "Follow a contact's presence: its changes become presence.update events and GET /contacts/{jid}/presence")
    public Map<String, Object> subscribe(SubscribeRequest request) {
        return presences.subscribe(QueryParams.requiredJid("jid", BodyConstraints.check(request).jid()));
    }
}
