package io.kubezap.gateway.proxy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.kubezap.contract.SessionPath;
import io.kubezap.gateway.auth.Caller;
import io.kubezap.gateway.auth.KeyScope;
import io.kubezap.gateway.problem.GatewayException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Holds a key limited to some chats ({@link KeyScope#allowsChat}) to them, for the REST proxy and the MCP tools alike.
 * Such a key makes only the calls listed in {@link ChatShape#ALLOWED}, and every chat a listed call names is judged: its
 * {@code {jid}}, its {@code ?chat=}, the chat of its message {@code {id}} (asked of the pod) and the {@code to} (or
 * {@code chatId}: albums, product cards, buttons, lists, carousels) of its JSON body, which the gateway reads before the pod gets it
 * ({@link BodyRecipient}). Any other call is refused: it
 * fails closed.
 */
@ApplicationScoped
public class ChatGuard {

    /** The largest body the gateway reads to judge its recipient; a larger one is refused to such a key. */
    public static final int MAX_JUDGED_BODY = 1 << 20;

    private final PodClient pod;
    private final ObjectMapper json;
    private final ObjectReader strictJson;

    ChatGuard(PodClient pod, ObjectMapper json) {
        this.pod = pod;
        this.json = json;
        // the pod's parser takes the last of repeated keys: refuse what two parsers could read differently
        this.strictJson = json.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * 403 {@code chat-not-allowed} unless {@code caller} may make this call under session {@code name} as far as its
     * path ({@code path} below the session) and {@code query} tell; what its body names is judged by the answer.
     */
    public BodyRecipient require(Caller caller, String namespace, String name, String method, SessionPath path,
                                 UnaryOperator<String> query) {
        if (!(caller instanceof Caller.KeyHolder key) || !key.scope().limitsChats()) {
            return BodyRecipient.NONE;
        }
        KeyScope scope = key.scope();
        List<String> segments = path.segments();
        ChatShape shape = ChatShape.listed(method, segments).orElseThrow(() -> refused(scope, method + " "
                + String.join("/", segments) + " is not among the calls a key limited to chats may make (chats/{jid}/…, "
                + "messages?chat=, messages/{id}/…, sends and forwards to the key's chats)"));
        for (ChatShape.Named named : shape.named()) {
            switch (named) {
                case PATH -> requireChat(scope, Optional.of(shape.segment(segments, "{jid}")), "its path");
                case QUERY -> requireChat(scope, Optional.ofNullable(query.apply("chat")), "its chat parameter");
                case MESSAGE -> requireChat(scope, messageChat(namespace, name, shape.segment(segments, "{id}")),
                        "its message");
                case BODY_TO, BODY_CHAT_ID -> { }
            }
        }
        return shape.named().stream().map(ChatShape.Named::bodyField).filter(java.util.Objects::nonNull).findFirst()
                .<BodyRecipient>map(field -> new RecipientInBody(scope, field)).orElse(BodyRecipient.NONE);
    }

    /** What is still to judge of a call once its body is read: the recipient it names there, if its shape has one. */
    public sealed interface BodyRecipient {

        BodyRecipient NONE = new Nothing();

        /** Whether the body must be read and judged before the pod gets it. */
        boolean named();

        /** 403 {@code chat-not-allowed} unless the body (of media type {@code contentType}) names an allowed recipient. */
        void require(String contentType, byte[] body);
    }

    private record Nothing() implements BodyRecipient {

        @Override
        public boolean named() {
            return false;
        }

        @Override
        public void require(String contentType, byte[] body) {
        }
    }

    private final class RecipientInBody implements BodyRecipient {

        private final KeyScope scope;
        /** The body's field that names the recipient: {@code to}, or an album's {@code chatId}. */
        private final String field;

        private RecipientInBody(KeyScope scope, String field) {
            this.scope = scope;
            this.field = field;
        }

        @Override
        public boolean named() {
            return true;
        }

        @Override
        public void require(String contentType, byte[] body) {
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).matches("application/json\\s*(;.*)?")) {
                throw refused(scope, "the gateway judges the recipient of a JSON body only (Content-Type: application/json)");
            }
            if (body == null || body.length > MAX_JUDGED_BODY) {
                throw refused(scope, "the gateway reads bodies of at most " + MAX_JUDGED_BODY + " bytes to judge their "
                        + "recipient (send a file by media.url)");
            }
            JsonNode recipient;
            try {
                recipient = strictJson.readTree(body).path(field);
            } catch (JsonProcessingException unreadable) {
                throw refused(scope, "its body is not one JSON object the gateway can read (" + unreadable.getOriginalMessage() + ")");
            } catch (IOException unreadable) {
                throw refused(scope, "its body could not be read");
            }
            requireChat(scope, recipient.isTextual() ? Optional.of(recipient.asText()) : Optional.empty(), "its body's " + field);
        }
    }

    private static void requireChat(KeyScope scope, Optional<String> chat, String where) {
        if (chat.isEmpty()) {
            throw refused(scope, where + " names no chat the gateway can check");
        }
        if (!scope.allowsChat(chat.get())) {
            throw refused(scope, "chat " + chat.get() + " (" + where + ") is not among the key's chats");
        }
    }

    /** The chat of stored message {@code id}, as its pod reports it; empty when it has none. */
    private Optional<String> messageChat(String namespace, String name, String id) {
        PodAnswer answer = pod.send(namespace, name, "GET", "messages/" + SessionPath.encodeSegment(id), null, null);
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
