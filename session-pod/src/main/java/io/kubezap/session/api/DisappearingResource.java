package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.disappearing.DisappearingTimer;
import io.kubezap.session.disappearing.DisappearingTimers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A one-to-one chat's disappearing messages: {@code ephemeralExpiration}, as Baileys, Evolution API and Green API name it. */
@Path(SessionApi.SESSION + "/chats/{jid}/disappearing")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Chats")
public class DisappearingResource {

    /** {@code {"ephemeralExpiration": 604800}}: 86400 (24 h), 604800 (7 days), 7776000 (90 days) or 0 (off). */
    public record DisappearingRequest(Integer ephemeralExpiration) {

        static Integer of(DisappearingRequest request) {
            return request == null ? null : request.ephemeralExpiration();
        }
    }

    private final DisappearingTimers timers;

    public DisappearingResource(DisappearingTimers timers) {
        this.timers = timers;
    }

    @GET
    @Operation(operationId = "getChatDisappearing", summary = "How long messages last in this one-to-one chat: ephemeralExpiration in seconds "
            + "(0: they stay), who set it last and when")
    public DisappearingTimer get(@PathParam("jid") String jid) {
        return timers.chat(QueryParams.requiredJid("jid", jid));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setChatDisappearing", summary = "Turn disappearing messages in this one-to-one chat on (ephemeralExpiration 86400, "
            + "604800 or 7776000 seconds) or off (0), as the phone does: the contact's phone shows the change, and the session's "
            + "messages in the chat then carry the expiration")
    public DisappearingTimer set(@PathParam("jid") String jid, DisappearingRequest request) {
        return timers.setChat(QueryParams.requiredJid("jid", jid), DisappearingRequest.of(request));
    }
}
