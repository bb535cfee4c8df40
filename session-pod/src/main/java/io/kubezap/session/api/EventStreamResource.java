package io.kubezap.session.api;

import io.kubezap.session.host.SessionThreads;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.filter.EventFilter;
import io.kubezap.contract.stream.EventCursor;
import io.kubezap.contract.stream.StreamQuery;
import io.kubezap.session.stream.EventStream;
import io.kubezap.session.config.EventStreamSettings;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.function.Supplier;

@Path(SessionApi.SESSION + "/events/stream")
@Tag(name = "Events")
public class EventStreamResource {

    static final String CHATS = "only events about these chats (repeatable or comma-separated): groups, direct, status, newsletters, a phone number or a chat's JID; events about no chat pass";
    static final String EXCLUDE_CHATS = "no events about these chats, e.g. groups,status";
    static final String DIRECTION = "incoming, outgoing or both (default): events about messages the account received or sent";
    static final String FROM_ME = "false: leave out what the account itself did (its messages, reactions, votes, edits, deletions)";

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
    @Operation(operationId = "streamEvents", summary = "Live events as Server-Sent Events (id = event id, event = type); filtered by type and, as a webhook's filter, by chat, direction and fromMe; resumes after Last-Event-ID")
    public Multi<OutboundSseEvent> stream(@Context Sse sse,
                       @HeaderParam(StreamQuery.LAST_EVENT_ID) String lastEventIdHeader,
                       @QueryParam(StreamQuery.LAST_EVENT_ID_PARAM) String lastEventIdParam,
                       @QueryParam(StreamQuery.TYPE) List<String> types,
                       @Parameter(description = CHATS) @QueryParam(EventFilter.CHATS) List<String> chats,
                       @Parameter(description = EXCLUDE_CHATS) @QueryParam(EventFilter.EXCLUDE_CHATS) List<String> excludeChats,
                       @Parameter(description = DIRECTION) @QueryParam(EventFilter.DIRECTION) String direction,
                       @Parameter(description = FROM_ME) @QueryParam(EventFilter.FROM_ME) String fromMe) {
        StreamQuery wanted = asked(() -> StreamQuery.of(lastEventIdHeader, lastEventIdParam, types, chats, excludeChats,
                direction, fromMe));
        EventCursor after = events.start(wanted.resumeAfter());
        if (!budget.open()) {
            throw tooManyStreams(settings);
        }
        // Quarkus writes the response and subscribes after this method returns; the reader thread only emits, serving
        // the session this request names
        SessionThreads.Here session = SessionThreads.here();
        return Multi.createFrom().emitter(emitter -> {
            Thread reader = session.start("event-stream", new EventStream(
                    new SseSink(emitter, sse), events, signal, budget, settings, wanted.types(), wanted.filter(), after)::run);
            emitter.onTermination(reader::interrupt);
        });
    }

    /** A stream's query ({@link StreamQuery}); a bad resume point or filter is a 400 naming it. */
    static StreamQuery asked(Supplier<StreamQuery> parse) {
        try {
            return parse.get();
        } catch (EventFilter.Invalid e) {
            throw ApiException.invalid(e.field(), e.problem());
        }
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
