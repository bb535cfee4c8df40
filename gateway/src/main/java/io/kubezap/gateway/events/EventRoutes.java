package io.kubezap.gateway.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.stream.StreamQuery;
import io.kubezap.gateway.auth.Authenticator;
import io.kubezap.gateway.auth.Caller;
import io.kubezap.gateway.auth.CallerStreams;
import io.kubezap.gateway.auth.SessionSet;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.database.Database;
import io.kubezap.gateway.problem.GatewayException;
import io.kubezap.gateway.problem.VertxProblems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.function.BiConsumer;

/**
 * The live feed: {@code GET /api/v1/events/stream} (Server-Sent Events) and {@code GET /api/v1/events/ws}
 * (WebSocket), the same filters, resumption and authentication (headers, or {@code ?token=} for browsers). Served
 * by Vert.x directly, writing as fast as each connection takes it. The caller is checked before anything is sent,
 * so a refused one gets a problem body.
 */
@ApplicationScoped
public class EventRoutes {

    public static final String STREAM = "/api/v1/events/stream";
    public static final String SOCKET = "/api/v1/events/ws";
    private static final Logger LOG = Logger.getLogger(EventRoutes.class);

    private final Authenticator authenticator;
    private final EventFeed feed;
    private final EventHistory history;
    private final Database database;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private final CallerStreams streams;

    EventRoutes(Authenticator authenticator, EventFeed feed, EventHistory history, Database database,
                GatewayConfig config, ObjectMapper json, CallerStreams streams) {
        this.authenticator = authenticator;
        this.streams = streams;
        this.feed = feed;
        this.history = history;
        this.database = database;
        this.config = config;
        this.json = json;
    }

    void route(@Observes Router router) {
        router.get(STREAM).handler(context -> open(context, this::serverSentEvents));
        router.get(SOCKET).handler(context -> open(context, this::webSocket));
    }

    /** {@code release} gives the caller's slot among its open streams back. */
    private record Opening(FeedStream stream, StreamRequest request, Runnable release) {
    }

    /** Checks the caller off the event loop (it may ask the API server), then hands the connection to {@code start}. */
    private void open(RoutingContext context, BiConsumer<RoutingContext, Opening> start) {
        HttpServerRequest request = context.request();
        request.pause();
        context.vertx().executeBlocking(() -> opening(request), false).onComplete(opened -> {
            if (opened.failed()) {
                refuse(context, opened.cause());
            } else {
                start.accept(context, opened.result());
            }
        });
    }

    private Opening opening(HttpServerRequest request) {
        String token = request.getParam("token");
        String apiKey = request.getHeader(SessionApi.API_KEY_HEADER);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String client = Authenticator.client(request);
        Caller caller = authenticator.authenticate(apiKey, authorization, token, client)
                .orElseThrow(() -> new GatewayException(401, "unauthorized", "Unauthorized",
                        Authenticator.unauthorizedDetail(apiKey == null && authorization == null && token == null)));
        StreamRequest wanted = StreamRequest.of(request.getHeader(StreamQuery.LAST_EVENT_ID), request.params()::getAll,
                config.defaultNamespace());
        SessionSet sessions = authenticator.permissions(caller)
                .reach(wanted.namespaces(), wanted.sessions(), config.defaultNamespace());
        database.requireConfigured();
        Runnable release = streams.open(caller, client);
        return new Opening(new FeedStream(feed, history, sessions, wanted.query().types(), new FeedFilter(wanted.query().filter()),
                config.streamHeartbeat(), config.maxReplay()), wanted, release);
    }

    private void serverSentEvents(RoutingContext context, Opening opening) {
        HttpServerResponse response = context.response().setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                // proxies (nginx) would otherwise hold the stream back
                .putHeader("X-Accel-Buffering", "no");
        run(new SseSink(response), opening);
    }

    private void webSocket(RoutingContext context, Opening opening) {
        context.request().toWebSocket()
                .onSuccess(socket -> run(new WebSocketSink(socket), opening))
                .onFailure(e -> {
                    opening.stream().cancel();
                    opening.release().run();
                    LOG.debugf("websocket upgrade failed: %s", e.getMessage());
                });
    }

    private void run(ConnectionSink sink, Opening opening) {
        Thread thread = Thread.ofVirtual().name("event-stream").unstarted(() -> {
            try {
                opening.stream().run(sink, opening.request().query().resumeAfter());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("event stream ended: %s", e.getMessage());
                sink.fail();
            } finally {
                opening.release().run();
            }
        });
        sink.onClose(thread::interrupt);
        thread.start();
    }

    private void refuse(RoutingContext context, Throwable cause) {
        VertxProblems.send(context.response(), json, VertxProblems.of(cause));
    }
}
