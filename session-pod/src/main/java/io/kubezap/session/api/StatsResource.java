package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.message.MessageQueries;
import io.kubezap.session.message.MessageStats;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path(SessionApi.SESSION + "/stats")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Stats")
public class StatsResource {

    private final MessageQueries queries;

    public StatsResource(MessageQueries queries) {
        this.queries = queries;
    }

    @GET
    @Operation(operationId = "getMessageStats", summary = "Message counts by direction and status (all time and last 24 h) and the 10 latest messages")
    public MessageStats stats() {
        return queries.stats();
    }
}
