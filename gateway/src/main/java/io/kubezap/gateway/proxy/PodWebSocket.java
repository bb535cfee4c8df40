package io.kubezap.gateway.proxy;

import io.kubezap.contract.SessionApi;
import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.UpgradeRejectedException;

import io.vertx.core.http.WebSocketBase;
import io.vertx.core.http.WebSocketConnectOptions;

import java.net.URI;
import java.util.Arrays;
import java.util.stream.Collectors;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket under a session (the pod's {@code …/events/ws}) passed through: the gateway opens the pod's socket with
 * the pod's key first — a refusal comes back as that HTTP status, before the caller is upgraded — then relays frames
 * both ways as they come, pausing a side whose other end cannot take more. vertx-http-proxy 4.5 tunnels WebSockets
 * with the caller's own headers and path, so its tunnel is not used.
 */
final class PodWebSocket {

    /** The query parameter of a stream token for the socket: the gateway's, never forwarded to the pod. */
    static final String TOKEN = "token";

    private PodWebSocket() {
    }

    /** Completes with the caller's socket once both are open; fails with the pod's refusal or why it is unreachable. */
    static Future<ServerWebSocket> open(HttpClient client, HttpServerRequest request, PodTarget target, ProxiedPath path,
                                        Runnable release) {
        URI pod = target.uri(path.rest().encoded(), withoutToken(request.query()));
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost(pod.getHost()).setPort(pod.getPort())
                .setURI(pod.getRawPath() + (pod.getRawQuery() == null ? "" : "?" + pod.getRawQuery()))
                .addHeader(SessionApi.API_KEY_HEADER, target.apiKey());
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (PodExchange.FORWARDED_REQUEST.contains(name) && !name.startsWith("content-")) {
                options.addHeader(header.getKey(), header.getValue());
            }
        }
        return client.webSocket(options).compose(toPod -> {
            // what the pod sends before the caller's socket is up waits (a pod greets at once)
            toPod.pause();
            return request.toWebSocket()
                    .onFailure(failed -> toPod.close())
                    .onSuccess(toCaller -> {
                        relay(toPod, toCaller);
                        relay(toCaller, toPod);
                        toCaller.closeHandler(closed -> release.run());
                        toPod.resume();
                    });
        });
    }

    /** The pod refused the upgrade: its status (401, 404, …), else null. */
    static Integer refusal(Throwable failure) {
        return failure instanceof UpgradeRejectedException rejected ? rejected.getStatus() : null;
    }

    private static void relay(WebSocketBase from, WebSocketBase to) {
        from.frameHandler(frame -> {
            if (frame.isText() || frame.isBinary() || frame.isContinuation()) {
                to.writeFrame(frame);
                if (to.writeQueueFull()) {
                    from.pause();
                    to.drainHandler(drained -> from.resume());
                }
            }
        });
        from.closeHandler(closed -> {
            if (!to.isClosed()) {
                Short status = from.closeStatusCode();
                if (status != null && status >= 1000 && status < 5000 && status != 1005 && status != 1006) {
                    to.close(status, from.closeReason());
                } else {
                    to.close();
                }
            }
        });
    }

    private static String withoutToken(String query) {
        if (query == null) {
            return null;
        }
        String kept = Arrays.stream(query.split("&"))
                .filter(parameter -> !parameter.equals(TOKEN) && !parameter.startsWith(TOKEN + "="))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? null : kept;
    }

    static boolean isUpgrade(HttpServerRequest request) {
        String upgrade = request.getHeader("Upgrade");
        return upgrade != null && "websocket".equalsIgnoreCase(upgrade.trim());
    }

}
