package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.history.HistoryRequests;
import io.kubezap.session.problem.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(SessionApi.SESSION + "/chats/{jid}/history")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Chats")
public class HistoryResource {

    private final HistoryRequests requests;

    public HistoryResource(HistoryRequests requests) {
        this.requests = requests;
    }

    /** {@code {"count": 50}}: how many older messages to ask for (1 to 500; default 50). */
    public record HistoryRequest(Integer count) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestChatHistory", summary = "Ask the phone for older messages of this chat than the oldest stored (WhatsApp's on-demand history);"
            + " 202, then a history.synced event of type on-demand when the phone answers")
    public Response request(@PathParam("jid") String jid, HistoryRequest request) {
        int count = request == null || request.count() == null ? HistoryRequests.DEFAULT_COUNT : request.count();
        if (count < 1 || count > HistoryRequests.MAX_COUNT) {
            throw ApiException.invalid("count", "must be 1 to " + HistoryRequests.MAX_COUNT);
        }
        return Response.accepted(requests.request(QueryParams.requiredJid("jid", jid), count)).build();
    }
}
