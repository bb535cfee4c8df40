package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.disappearing.DisappearingTimer;
import io.kubezap.session.disappearing.DisappearingTimers;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The account's default message timer (the phone's Privacy › Default message timer): WhatsApp's {@code disappearing_mode}. */
@Path(SessionApi.SESSION + "/privacy/disappearing")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Profile")
public class DefaultDisappearingResource {

    private final DisappearingTimers timers;

    public DefaultDisappearingResource(DisappearingTimers timers) {
        this.timers = timers;
    }

    @GET
    @Operation(operationId = "getDefaultDisappearing", summary = "The account's default timer for the chats it starts: ephemeralExpiration in "
            + "seconds (0: off), as last set through this API or on the account's phone (announced as account.disappearing)")
    public DisappearingTimer get() {
        return timers.accountDefault();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setDefaultDisappearing", summary = "Set the account's default timer for the chats it starts: "
            + "ephemeralExpiration 86400, 604800, 7776000 or 0 (off)")
    public DisappearingTimer set(DisappearingResource.DisappearingRequest request) {
        return timers.setDefault(DisappearingResource.DisappearingRequest.of(request));
    }
}
