package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.call.Call;
import io.kubezap.session.call.CallFilter;
import io.kubezap.session.call.CallRepository;
import io.kubezap.session.call.Calls;
import io.kubezap.session.problem.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@Path(SessionApi.SESSION + "/calls")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Calls")
public class CallResource {

    private static final Set<String> STATUSES = Set.of("ringing", "accepted", "rejected", "ended", "timed_out");

    private final CallRepository calls;
    private final Calls service;

    public CallResource(CallRepository calls, Calls service) {
        this.calls = calls;
        this.service = service;
    }

    @GET
    @Operation(operationId = "listCalls", summary = "Calls to the session's account, newest first; pass the last offeredAt as 'before' for the next page")
    public Map<String, List<Call>> list(@QueryParam("status") String status, @QueryParam("from") String from,
                                        @QueryParam("video") String video, @QueryParam("before") String before,
                                        @QueryParam("limit") String limit) {
        CallFilter filter = new CallFilter(
                QueryParams.oneOf("status", status, value -> Optional.of(value).filter(STATUSES::contains),
                        String.join(", ", STATUSES.stream().sorted().toList())),
                QueryParams.jid("from", from),
                QueryParams.bool("video", video));
        Optional<Instant> cursor = QueryParams.instant("before", before);
        return Map.of("items", calls.page(filter, cursor, QueryParams.limit(limit, MessageResource.DEFAULT_LIMIT, MessageResource.MAX_LIMIT)));
    }

    @GET
    @Path("{id}")
    @Operation(operationId = "getCall", summary = "One call")
    public Call get(@PathParam("id") String id) {
        return calls.find(id).orElseThrow(() -> ApiException.notFound("No call '" + id + "' in this session"));
    }

    @POST
    @Path("{id}/reject")
    @Operation(operationId = "rejectCall", summary = "Decline a ringing call: the caller's phone stops ringing; 409 when it is not ringing")
    public Call reject(@PathParam("id") String id) {
        return service.reject(id);
    }
}
