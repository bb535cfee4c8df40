package io.kubezap.session.api;

import io.kubezap.contract.SessionApi;
import io.kubezap.session.stream.EventStream;
import io.kubezap.session.stream.EventStreamSettings;
import io.kubezap.session.stream.ReplayBudget;
import io.kubezap.session.stream.SseSink;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.EventSignal;
import io.kubezap.session.problem.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

@Path(SessionApi.SESSION + "/events/stream")
@Tag(name = "Events")
public class EventStreamResource {

    private final EventRepository events;
    private final EventSignal signal;
    private final EventStreamSettings settings;
    private final ReplayBudget budget;

    public EventStreamResource(EventRepository events, EventSignal signal, EventStreamSettings settings, ReplayBudget budget) {
        this.events = events;
        this.signal = signal;
        this.settings = settings;
        this.budget = budget;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamEvents", summary = "Live events as Server-Sent Events (id = event id, event = type); resumes after Last-Event-ID")
    public Multi<OutboundSseEvent> stream(@Context Sse sse,
                       @HeaderParam("Last-Event-ID") String lastEventIdHeader,
                       @QueryParam("lastEventId") String lastEventIdParam,
                       @QueryParam("type") List<String> types) {
        StreamRequest wanted = StreamRequest.of(lastEventIdHeader, lastEventIdParam, types);
        long after = wanted.resumeAfter().orElseGet(events::latestId);
        if (!budget.open()) {
            throw tooManyStreams(settings);
        }
        // Quarkus writes the response and subscribes after this method returns; the reader thread only emits
        return Multi.createFrom().emitter(emitter -> {
            Thread reader = Thread.ofVirtual().name("event-stream").start(new EventStream(
                    new SseSink(emitter, sse), events, signal, budget, settings, wanted.types(), after)::run);
            emitter.onTermination(reader::interrupt);
        });
    }

    static ApiException tooManyStreams(EventStreamSettings settings) {
        return new ApiException(503, "too-many-streams", "Too many event streams",
                "this pod already serves " + settings.maxStreams() + " event streams; retry later");
    }

    /** What a GET would answer, without opening the stream (JAX-RS would otherwise run the GET and never end). */
    @HEAD
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(operationId = "streamEventsHeaders", summary = "Headers of the event stream, without streaming")
    public Response streamHeaders() {
        return Response.ok().type(MediaType.SERVER_SENT_EVENTS_TYPE).build();
    }
}
