package io.kubezap.gateway.proxy;

import io.kubezap.contract.SessionPath;
import io.kubezap.gateway.auth.Authenticator;
import io.kubezap.gateway.auth.Caller;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A call under a session made by the gateway for a caller (the MCP tools), judged exactly as the same call through the
 * REST proxy is ({@link PodProxy}): the caller's permission for what the path does ({@link ProxiedOperation}), its chats
 * ({@link ChatGuard}), then the pod with its own key. The answer is read whole.
 */
@ApplicationScoped
public class SessionCalls {

    private static final String JSON = "application/json";

    private final Authenticator authenticator;
    private final ChatGuard chats;
    private final PodClient pod;

    SessionCalls(Authenticator authenticator, ChatGuard chats, PodClient pod) {
        this.authenticator = authenticator;
        this.chats = chats;
        this.pod = pod;
    }

    /**
     * {@code method} on {@code path} below session {@code name}, with {@code query} (null values left out) and a JSON
     * body or none; a key limited to chats is held to them by the path, the query and the body's recipient alike.
     */
    public PodAnswer call(Caller caller, String namespace, String name, String method, String path,
                          Map<String, String> query, String jsonBody) {
        Map<String, String> given = new LinkedHashMap<>(query);
        given.values().removeIf(Objects::isNull);
        SessionPath read;
        try {
            read = SessionPath.of(path);
        } catch (SessionPath.Refused ambiguous) {
            throw GatewayException.of(ambiguous.problem());
        }
        authenticator.permissions(caller).require(ProxiedOperation.of(method, read), namespace, name);
        chats.require(caller, namespace, name, method, read, given::get).require(JSON,
                jsonBody == null ? null : jsonBody.getBytes(StandardCharsets.UTF_8));
        return pod.send(namespace, name, method, read.encoded(), rawQuery(given), jsonBody);
    }

    private static String rawQuery(Map<String, String> query) {
        return query.entrySet().stream().map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
