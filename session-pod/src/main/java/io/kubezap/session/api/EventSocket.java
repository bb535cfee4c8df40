package io.kubezap.session.api;

import io.kubezap.session.host.SessionThreads;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.stream.EventCursor;
import io.kubezap.contract.stream.StreamQuery;
import io.kubezap.session.stream.EventStream;
import io.kubezap.session.config.EventStreamSettings;
import io.kubezap.session.stream.ReplayBudget;
import io.kubezap.session.stream.WebSocketSink;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.session.api.SessionNameFilter;
import io.kubezap.session.api.security.ApiKeyFilter;
import io.kubezap.session.host.HostedSession;
import io.kubezap.session.event.EventRepository;
import io.kubezap.session.event.EventSignal;
import io.kubezap.session.host.HostedSessions;
import io.kubezap.session.problem.ApiException;
import io.vertx.core.AsyncResult;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * {@code GET /api/v1/sessions/{session}/events/ws}: the event stream over a WebSocket, with the SSE stream's
 * resumption, type filter, budget and API key. It is a Vert.x route, not a JAX-RS resource, so the key and the
 * session name are checked here, before the upgrade: a refused client gets a problem body and no socket.
 */
@ApplicationScoped
public class EventSocket {

    public static final String PATH = SessionApi.SESSION.replace("{session}", ":session") + SessionApi.EVENT_SOCKET;
    private static final Logger LOG = Logger.getLogger(EventSocket.class);

    // resolved per request: the router is built in migrate mode too, where there is no session to settle
    private final Instance<HostedSessions> sessions;
    private final Instance<EventRepository> events;
    private final EventSignal signal;
    private final EventStreamSettings settings;
    private final ReplayBudget budget;
    private final ObjectMapper json;

    EventSocket(Instance<HostedSessions> sessions, Instance<EventRepository> events,
                EventSignal signal, EventStreamSettings settings, ReplayBudget budget, ObjectMapper json) {
        this.sessions = sessions;
        this.events = events;
        this.signal = signal;
        this.settings = settings;
        this.budget = budget;
        this.json = json;
    }

    void route(@Observes Router router) {
        router.get(PATH).handler(this::upgrade);
    }

    private void upgrade(RoutingContext context) {
        HttpServerRequest request = context.request();
        StreamQuery wanted;
        try {
            wanted = admit(context);
        } catch (ApiException refused) {
            refuse(context, refused.problem());
            return;
        }
        request.pause();
        // the route runs before any JAX-RS filter names the request's session: the socket's reads name it themselves
        SessionThreads.Here session = SessionThreads.serving(context.pathParam("session"));
        // the newest id is a database read (not on the event loop), and is taken before the client sees the upgrade,
        // so an event it causes once connected is after it
        context.vertx().executeBlocking(() -> session.get(() -> events.get().start(wanted.resumeAfter())), false)
                .onComplete(after -> accept(context, session, wanted, after));
    }

    private void accept(RoutingContext context, SessionThreads.Here session, StreamQuery wanted, AsyncResult<EventCursor> after) {
        if (after.failed()) {
            budget.close();
            LOG.error("opening an event socket", after.cause());
            refuse(context, Problem.of("internal-error", "Internal error", 500,
                    "The server failed to open the stream; see the pod's log", List.of()));
            return;
        }
        context.request().toWebSocket()
                .onSuccess(socket -> stream(socket, session, wanted, after.result()))
                .onFailure(e -> {
                    budget.close();
                    LOG.debugf("event socket upgrade failed: %s", e.getMessage());
                });
    }

    /** The SSE stream's checks in the filters' order (key, session, request) and a place in the budget; else why not. */
    private StreamQuery admit(RoutingContext context) {
        HttpServerRequest request = context.request();
        String requested = context.pathParam("session");
        HostedSessions held = sessions.get();
        HostedSession judging = held.judging(requested).orElseThrow(() -> SessionNameFilter.refusal(held, requested).orElseThrow());
        ApiKeyFilter.refusal(judging.apiKey(), request.getHeader(SessionApi.API_KEY_HEADER), request.getHeader(HttpHeaders.AUTHORIZATION))
                .ifPresent(refused -> {
                    throw refused;
                });
        SessionNameFilter.refusal(held, requested).ifPresent(refused -> {
            throw refused;
        });
        // 400, not 426: a 426 must name the protocol in an Upgrade header, which Java's HttpClient takes for a broken answer
        if (!"websocket".equalsIgnoreCase(request.getHeader(HttpHeaders.UPGRADE))) {
            throw new ApiException(400, "websocket-expected", "WebSocket expected",
                    "This is the event stream over a WebSocket: send a WebSocket upgrade, or read events/stream as SSE");
        }
        StreamQuery wanted = EventStreamResource.asked(
                () -> StreamQuery.of(request.getHeader(StreamQuery.LAST_EVENT_ID), request.params()::getAll));
        if (!budget.open()) {
            throw EventStreamResource.tooManyStreams(settings);
        }
        return wanted;
    }

    private void stream(ServerWebSocket socket, SessionThreads.Here session, StreamQuery wanted, EventCursor after) {
        WebSocketSink sink = new WebSocketSink(socket, json);
        Thread reader = session.unstarted("event-socket", new EventStream(sink, events.get(), signal, budget, settings, wanted.types(), wanted.filter(), after)::run);
        sink.onClose(reader::interrupt);
        reader.start();
    }

    private void refuse(RoutingContext context, Problem problem) {
        var response = context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        try {
            response.end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            response.end();
        }
    }
}
