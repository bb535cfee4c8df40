package io.kubezap.gateway.proxy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One call a key limited to chats may make: its method, its path's template below the session ({@code {jid}} a chat,
 * {@code {id}} a stored message) and each place that names a chat it touches, all of which {@link ChatGuard} judges.
 * The list ({@link #ALLOWED}) is explicit: a call of any other shape is refused, so a new operation of the session API
 * stays out of such a key's reach until it is judged and listed here.
 */
record ChatShape(String method, List<String> template, Set<Named> named) {

    /** Where a call names a chat it touches. */
    enum Named {
        /** The {@code {jid}} segment. */
        PATH,
        /** The {@code chat} query parameter. */
        QUERY,
        /** The chat of the stored message {@code {id}}, as its pod reports it. */
        MESSAGE,
        /** The JSON body's {@code to}: a recipient the gateway reads before the pod gets the body. */
        BODY_TO,
        /** The JSON body's {@code chatId}, read as {@code to} is. */
        BODY_CHAT_ID;

        /** The body's field this names, or null when it names no body field. */
        String bodyField() {
            return switch (this) {
                case BODY_TO -> "to";
                case BODY_CHAT_ID -> "chatId";
                default -> null;
            };
        }
    }

    /**
     * The session API's calls that touch one chat (session-pod's OpenAPI document, docs/openapi/session-pod.json).
     * Left out on purpose: every call naming people in its body other than by {@code to} or a {@code chatId} (albums, product cards, buttons, lists, carousels) ({@code groups…/participants},
     * {@code contacts/check}, {@code presence/subscribe}, {@code status/…} to every contact, channels), and every call
     * about many chats or the account.
     */
    static final List<ChatShape> ALLOWED = List.of(
            chat("GET", "chats/{jid}"), chat("DELETE", "chats/{jid}"), chat("GET", "chats/{jid}/messages"),
            chat("POST", "chats/{jid}/read"), chat("POST", "chats/{jid}/unread"), chat("POST", "chats/{jid}/archive"),
            chat("POST", "chats/{jid}/unarchive"), chat("POST", "chats/{jid}/pin"), chat("POST", "chats/{jid}/unpin"),
            chat("POST", "chats/{jid}/mute"), chat("POST", "chats/{jid}/unmute"), chat("POST", "chats/{jid}/presence"),
            chat("POST", "chats/{jid}/clear"), chat("POST", "chats/{jid}/history"),
            chat("GET", "chats/{jid}/disappearing"), chat("PUT", "chats/{jid}/disappearing"),
            chat("GET", "chats/{jid}/ai-responder"), chat("PUT", "chats/{jid}/ai-responder"),
            of("GET", "messages", Named.QUERY),
            // text, media, location, contacts (vCards), polls and group invites alike: all go to the body's `to`
            of("POST", "messages", Named.BODY_TO),
            of("POST", "albums", Named.BODY_CHAT_ID),
            of("POST", "product", Named.BODY_CHAT_ID),
            of("POST", "buttons", Named.BODY_CHAT_ID),
            of("POST", "lists", Named.BODY_CHAT_ID),
            of("POST", "carousel", Named.BODY_CHAT_ID),
            message("GET", "messages/{id}"), message("PATCH", "messages/{id}"), message("DELETE", "messages/{id}"),
            message("GET", "messages/{id}/edits"), message("GET", "messages/{id}/media"),
            message("GET", "messages/{id}/poll"), message("GET", "messages/{id}/receipts"),
            message("POST", "messages/{id}/reactions"), message("POST", "messages/{id}/star"),
            message("POST", "messages/{id}/unstar"),
            of("POST", "messages/{id}/forward", Named.MESSAGE, Named.BODY_TO));

    /** Segments the pod serves as their own paths, which a template's variable therefore never stands for. */
    private static final Set<String> LITERALS = Set.of("deleted");

    /** The listed shape of {@code method} on {@code segments}; empty when it is not listed. */
    static Optional<ChatShape> listed(String method, List<String> segments) {
        String judgedAs = "HEAD".equals(method) ? "GET" : method;
        return ALLOWED.stream().filter(shape -> shape.method.equals(judgedAs) && shape.matches(segments)).findFirst();
    }

    /** The segment that stands where the template has {@code variable} ({@code {jid}}, {@code {id}}). */
    String segment(List<String> segments, String variable) {
        return segments.get(template.indexOf(variable));
    }

    private boolean matches(List<String> segments) {
        if (segments.size() != template.size()) {
            return false;
        }
        for (int i = 0; i < segments.size(); i++) {
            String expected = template.get(i);
            boolean variable = expected.startsWith("{");
            if (variable ? LITERALS.contains(segments.get(i)) : !expected.equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static ChatShape of(String method, String template, Named... named) {
        return new ChatShape(method, Arrays.asList(template.split("/")), Set.of(named));
    }

    private static ChatShape chat(String method, String template) {
        return of(method, template, Named.PATH);
    }

    private static ChatShape message(String method, String template) {
        return of(method, template, Named.MESSAGE);
    }
}
