package io.kubezap.session.api;

import io.kubezap.contract.AccountRestrictions;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.state.SessionStateMachine;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What WhatsApp lets the linked account start, as it last told the session (at login, in its notices, after a refused
 * send): the reach-out restriction and the new-chat quota (WAHA's {@code /timelock} and {@code /capping} in one).
 */
@Path(SessionApi.SESSION)
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Profile")
public class AccountRestrictionsResource {

    private final SessionStateMachine state;

    public AccountRestrictionsResource(SessionStateMachine state) {
        this.state = state;
    }

    @GET
    @Path("account/restrictions")
    @Operation(operationId = "getAccountRestrictions", summary = "What WhatsApp lets the account start, as it last told the session: "
            + "reachoutTimelock {active, timeEnforcementEnds, enforcementType} (while active, a first message to anyone the account has no "
            + "chat with fails with reachout-timelocked) and newChatMessageCap {cappingStatus, totalQuota, usedQuota, remainingQuota, "
            + "cycleEndsAt} (CAPPED: such messages fail with new-chat-limit); a part is null until WhatsApp told it")
    public AccountRestrictions read() {
        AccountRestrictions known = state.current().restrictions();
        return known == null ? AccountRestrictions.UNKNOWN : known;
    }
}
