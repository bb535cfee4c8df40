package io.kubezap.session.api;

import io.kubezap.contract.EventCatalogue;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

@Path(SessionApi.SESSION + "/events/types")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Events")
public class EventTypesResource {

    @GET
    @Operation(operationId = "listEventTypes", summary = "The event catalogue: every event name, whether this version produces it, and its data")
    public Map<String, List<EventCatalogue.EventType>> list() {
        return Map.of("items", EventCatalogue.DESCRIBED);
    }
}
