package io.kubezap.gateway.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubezap.gateway.auth.Caller;
import io.kubezap.gateway.auth.KeyScope;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Holds a key limited to some chats ({@link KeyScope#allowsChat}) to them, for the REST proxy and the MCP tools alike.
 * A call is judged by the one chat it concerns: {@code chats/{jid}/…}, {@code GET messages?chat=}, a send's recipient
 * (known when the gateway writes the body, as the MCP tools do; a proxied body is streamed unread, so a REST send with
 * such a key is refused), and {@code messages/{id}/…}, whose chat the pod is asked for. Every other call (contacts,
 * groups, all chats, events…) concerns many chats at once and is refused to such a key: it fails closed.
 */
@ApplicationScoped
public class ChatGuard {

    private final PodClient pod;
    private final ObjectMapper json;

    ChatGuard(PodClient pod, ObjectMapper json) {
        this.pod = pod;
        this.json = json;
    }

    /**
     * 403 {@code chat-not-allowed} unless {@code caller} may make this call under session {@code name}:
     * {@code path} below the session, {@code query} its parameters, {@code recipient} a send's {@code to} (null: unknown).
     */
    public void require(Caller caller, String namespace, String name, String method, String path,
                        UnaryOperator<String> query, String recipient) {
        if (!(caller instanceof Caller.KeyHolder key) || !key.scope().limitsChats()) {
            return;
        }
        Optional<String> chat = chatOf(namespace, name, method, ProxiedOperation.segments(path), query, recipient);
        if (chat.isEmpty()) {
            throw refused(key.scope(), "this call does not name one chat the gateway can check (a key limited to chats "
                    + "reaches chats/{jid}/…, messages?chat=, messages/{id}/… and sends through the MCP server)");
        }
        if (!key.scope().allowsChat(chat.get())) {
            throw refused(key.scope(), "chat " + chat.get() + " is not among the key's chats");
        }
    }

    private Optional<String> chatOf(String namespace, String name, String method, List<String> segments,
                                    UnaryOperator<String> query, String recipient) {
        if (segments.size() >= 2 && "chats".equals(segments.get(0))) {
            return Optional.of(segments.get(1));
        }
        if (segments.size() == 1 && "messages".equals(segments.get(0))) {
            return "GET".equals(method) ? Optional.ofNullable(query.apply("chat"))
                    : "POST".equals(method) ? Optional.ofNullable(recipient) : Optional.empty();
        }
        if (segments.size() >= 2 && "messages".equals(segments.get(0)) && !"deleted".equals(segments.get(1))) {
            return messageChat(namespace, name, segments.get(1));
        }
        return Optional.empty();
    }

    /** The chat of stored message {@code id}, as its pod reports it; empty when it has none. */
    private Optional<String> messageChat(String namespace, String name, String id) {
        PodAnswer answer = pod.send(namespace, name, "GET", "messages/" + PathSegment.encode(id), null, null);
        if (!answer.succeeded()) {
            return Optional.empty();
        }
        try {
            JsonNode chat = json.readTree(answer.body()).path("chat");
            return chat.isTextual() ? Optional.of(chat.asText()) : Optional.empty();
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    private static GatewayException refused(KeyScope scope, String why) {
        return new GatewayException(403, "chat-not-allowed", "Chat not allowed", "Gateway key " + scope.keyName()
                + " is limited to chats " + scope.chats() + ": " + why);
    }
}
