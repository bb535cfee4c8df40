package io.kubezap.session.api;

import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.session.sink.SinkStatus;
import io.kubezap.session.sink.SinkStatuses;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.Map;

@Path(SessionApi.SESSION + "/sinks")
@Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
@Tag(name = "Event sinks")
public class SinkResource {

    private final SinkStatuses statuses;

    public SinkResource(SinkStatuses statuses) {
        this.statuses = statuses;
    }

    @GET
    @Operation(operationId = "listEventSinks", summary = "The event sinks (Kafka, NATS, RabbitMQ, SQS): events waiting, the last one the broker took, the last error while failing")
    public Map<String, List<SinkStatus>> list() {
        return Map.of("items", statuses.all());
    }
}
