package io.kubezap.gateway.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.contract.Problem;
import io.kubezap.contract.SessionApi;
import io.kubezap.contract.SessionPath;
import io.kubezap.contract.payload.SignedMediaUrl;
import io.kubezap.gateway.auth.Authenticator;
import io.kubezap.gateway.auth.Caller;
import io.kubezap.gateway.auth.CallerStreams;
import io.kubezap.gateway.auth.SessionAudit;
import io.kubezap.gateway.auth.SessionConfirmations;
import io.kubezap.gateway.auth.SessionSet;
import io.kubezap.gateway.auth.StreamTokens;
import io.kubezap.gateway.config.GatewayConfig;
import io.kubezap.gateway.problem.GatewayException;
import io.kubezap.gateway.problem.VertxProblems;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Everything under a session that is not the session itself (qr, pairing-code, messages, chats, events, …) goes to
 * the session's pod, asynchronously: Vert.x' reverse proxy (vertx-http-proxy) streams both bodies on the event loop,
 * holding no thread while the pod answers or a stream runs; a WebSocket ({@link PodWebSocket}) is passed through.
 * Before that, off the event loop, the caller is authenticated and authorised for what the path does
 * ({@link ProxiedOperation}: reads need read-messages, the QR get, logout/restart/pairing manage, the rest send; a key
 * limited to chats, the chat the call names: {@link ChatGuard}), its
 * slot among its open streams taken ({@link CallerStreams}) and the pod found ({@link PodTargets}) — from caches. A
 * browser opens the session's WebSocket with a stream token issued for it ({@code ?token=}), as it cannot send headers;
 * a webhook's receiver opens one message's file with the signed link its event carried ({@link SignedMediaLinks}).
 */
@ApplicationScoped
public class PodProxy {

    private static final Logger LOG = Logger.getLogger(PodProxy.class);

    private final Authenticator authenticator;
    private final StreamTokens tokens;
    private final SessionConfirmations confirmations;
    private final CallerStreams streams;
    private final ChatGuard chats;
    private final PodTargets targets;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private final HttpClient client;

    PodProxy(Authenticator authenticator, StreamTokens tokens, SessionConfirmations confirmations, CallerStreams streams,
             ChatGuard chats, PodTargets targets, GatewayConfig config, ObjectMapper json, Vertx vertx) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.confirmations = confirmations;
        this.streams = streams;
        this.chats = chats;
        this.targets = targets;
        this.config = config;
        this.json = json;
        this.client = vertx.createHttpClient(JvmHttpProxy.applyTo(new HttpClientOptions().setMaxPoolSize(config.podConnections())
                .setMaxWebSockets(config.podConnections()).setKeepAlive(true)));
    }

    void route(@Observes Router router) {
        // matched as sent, not as Vert.x normalises it: ProxiedPath reads the path once, by the pod's rule; a path that
        // is a session's only once normalised reaches the second pair, and is refused
        router.routeWithRegex(ProxiedPath.NAMESPACED).useNormalizedPath(false).handler(this::proxy);
        router.routeWithRegex(ProxiedPath.IN_DEFAULT_NAMESPACE).useNormalizedPath(false).handler(this::proxy);
        router.routeWithRegex(ProxiedPath.NAMESPACED).handler(this::proxy);
        router.routeWithRegex(ProxiedPath.IN_DEFAULT_NAMESPACE).handler(this::proxy);
    }

    /** A call let through: its pod, its slot among the caller's streams, and a recipient its body must still name. */
    private record Admitted(PodTarget target, Runnable release, ChatGuard.BodyRecipient recipient) {

        Admitted(PodTarget target, Runnable release) {
            this(target, release, ChatGuard.BodyRecipient.NONE);
        }
    }

    private void proxy(RoutingContext context) {
        HttpServerRequest request = context.request();
        ProxiedPath path;
        try {
            path = ProxiedPath.of(request.path(), config.defaultNamespace());
        } catch (SessionPath.Refused ambiguous) {
            VertxProblems.send(request.response(), json, ambiguous.problem());
            return;
        }
        request.pause();
        context.vertx().executeBlocking(() -> admit(request, path), false).onComplete(admitted -> {
            if (admitted.failed()) {
                request.resume();
                VertxProblems.send(request.response(), json, VertxProblems.of(admitted.cause()));
            } else if (PodWebSocket.isUpgrade(request)) {
                webSocket(request, path, admitted.result());
            } else if (admitted.result().recipient().named()) {
                request.response().closeHandler(closed -> admitted.result().release().run());
                JudgedBody.read(request, ChatGuard.MAX_JUDGED_BODY, body -> judged(request, path, admitted.result(), body));
            } else {
                http(request, path, admitted.result(), null);
            }
        });
    }

    private Admitted admit(HttpServerRequest request, ProxiedPath path) {
        String apiKey = request.getHeader(SessionApi.API_KEY_HEADER);
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String client = Authenticator.client(request);
        String token = request.getParam(PodWebSocket.TOKEN);
        if (apiKey == null && authorization == null && token != null) {
            Caller holder = bySocketToken(request, path, token);
            return new Admitted(targets.of(path.namespace(), path.name()), streams.open(holder, client));
        }
        String signature = request.getParam(SignedMediaUrl.SIGNATURE);
        if (apiKey == null && authorization == null && signature != null) {
            PodTarget target = targets.of(path.namespace(), path.name());
            SignedMediaLinks.require(target, request.method().name(), path.rest().toString(), request.getParam(SignedMediaUrl.EXPIRES),
                    signature, Instant.now());
            return new Admitted(target, streams.openForMediaLink(client));
        }
        Caller caller = authenticator.authenticate(apiKey, authorization, null, client)
                .orElseThrow(() -> new GatewayException(401, "unauthorized", "Unauthorized",
                        Authenticator.unauthorizedDetail(apiKey == null && authorization == null)));
        boolean logout = ProxiedOperation.isLogout(request.method().name(), path.rest());
        ChatGuard.BodyRecipient recipient;
        try {
            authenticator.permissions(caller).require(ProxiedOperation.of(request.method().name(), path.rest()),
                    path.namespace(), path.name());
            recipient = chats.require(caller, path.namespace(), path.name(), request.method().name(),
                    path.rest(), request::getParam);
            if (logout) {
                confirmations.requireFromBrowser(request.getHeader(SessionConfirmations.FETCH_SITE),
                        request.getHeader(SessionConfirmations.HEADER), caller, SessionAudit.Action.LOGOUT,
                        path.namespace(), path.name());
            }
        } catch (GatewayException refused) {
            if (logout) {
                SessionAudit.record(SessionAudit.Action.LOGOUT, caller, client, path.namespace(), path.name(),
                        "refused " + refused.problem().status());
            }
            throw refused;
        }
        if (logout) {
            SessionAudit.record(SessionAudit.Action.LOGOUT, caller, client, path.namespace(), path.name(), "forwarded");
        }
        PodTarget target = targets.of(path.namespace(), path.name());
        return new Admitted(target, streams.open(caller, client), recipient);
    }

    /** A body read whole (null: larger than the gateway reads) goes to the pod only once its recipient is allowed. */
    private void judged(HttpServerRequest request, ProxiedPath path, Admitted admitted, Buffer body) {
        try {
            admitted.recipient().require(request.getHeader(HttpHeaders.CONTENT_TYPE), body == null ? null : body.getBytes());
        } catch (GatewayException refused) {
            admitted.release().run();
            VertxProblems.send(request.response(), json, refused.problem());
            return;
        }
        http(request, path, admitted, body);
    }

    /**
     * A browser's session WebSocket, opened with a stream token issued for it (after the same read-messages check as
     * a call with a key): the token opens that socket once and nothing else.
     */
    private Caller bySocketToken(HttpServerRequest request, ProxiedPath path, String token) {
        if (!PodWebSocket.isUpgrade(request) || !SessionApi.EVENT_SOCKET.equals("/" + path.rest())
                || !tokens.redeemForSessionSocket(token, path.namespace(), path.name())) {
            throw new GatewayException(401, "unauthorized", "Unauthorized", "A stream token from POST /api/v1/tokens "
                    + "{\"sessionSocket\"} opens that session's WebSocket once, within 60 s, and nothing else");
        }
        return new Caller.StreamTokenHolder(new SessionSet(Set.of(), Set.of(path.namespace() + "/" + path.name())));
    }

    /** The call to the pod, its body streamed from the caller, or {@code readBody} when the gateway read it first. */
    private void http(HttpServerRequest request, ProxiedPath path, Admitted admitted, Buffer readBody) {
        request.response().endHandler(ended -> admitted.release().run());
        request.response().closeHandler(closed -> admitted.release().run());
        URI pod = admitted.target().uri(path.rest().encoded(), null);
        RequestOptions origin = new RequestOptions()
                .setServer(SocketAddress.inetSocketAddress(pod.getPort(), pod.getHost()))
                .setHost(pod.getHost()).setPort(pod.getPort())
                .setIdleTimeout(config.podRequestTimeout().toMillis());
        HttpProxy.reverseProxy(new ProxyOptions().setSupportWebSocket(false), client)
                .origin(context -> client.request(origin))
                .addInterceptor(new PodExchange(admitted.target(), path, config.podRequestTimeout(), json, readBody))
                .handle(request);
    }

    /** The request stays paused until it is upgraded: Vert.x upgrades only a request not yet read to its end. */
    private void webSocket(HttpServerRequest request, ProxiedPath path, Admitted admitted) {
        PodWebSocket.open(client, request, admitted.target(), path, admitted.release()).onFailure(failure -> {
            admitted.release().run();
            LOG.debugf(failure, "WebSocket to session %s/%s not opened", path.namespace(), path.name());
            Integer refused = PodWebSocket.refusal(failure);
            Problem problem = refused == null ? PodExchange.unavailable(admitted.target(), failure).problem()
                    : Problem.of("session-refused", "The session refused the WebSocket", refused,
                    "Session " + admitted.target().session() + " answered " + refused, List.of());
            if (!request.response().headWritten()) {
                request.resume();
                VertxProblems.send(request.response(), json, problem);
            }
        });
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
