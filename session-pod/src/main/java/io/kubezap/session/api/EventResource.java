package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.StoredEvent;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;
import java.util.Optional;

@Path(SessionApi.SESSION + "/events")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Events")
public class EventResource {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;

    private final EventRepository events;

    public EventResource(EventRepository events) {
        this.events = events;
    }

    @GET
    @Operation(operationId = "listEvents", summary = "The session's audit log, newest first; 'from' inclusive, 'to' exclusive, 'before' an event id")
    public Map<String, List<StoredEvent>> list(@QueryParam("type") String type, @QueryParam("from") String from,
                                               @QueryParam("to") String to, @QueryParam("before") String before,
                                               @QueryParam("limit") String limit) {
        Optional<Long> beforeId = QueryParams.text(before)
                .map(value -> QueryParams.parsed("before", value, Long::valueOf, "must be an event id"));
        return Map.of("items", events.find(QueryParams.text(type), QueryParams.instant("from", from),
                QueryParams.instant("to", to), beforeId, QueryParams.limit(limit, DEFAULT_LIMIT, MAX_LIMIT)));
    }
}
