package io.kubezap.session.engine.cobalt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubezap.session.engine.ChannelInfo;
import io.kubezap.session.engine.ChannelRefusedException;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.node.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.stream.StreamSupport;

/**
 * Channel queries on WhatsApp's GraphQL endpoint: {@code <iq xmlns="w:mex"><query query_id>{"variables": …}</query>},
 * answered {@code <result>{"data": {field: …}}</result>}, a refusal as {@code {"errors": [{extensions: {error_code}}]}}.
 * The query ids are those Cobalt 0.0.10 sends. Its own channel calls cannot be used as they are: its subscribed list
 * reads {@code data}'s array as an object, it has no lookup by invite code, and it reports a refusal as an empty answer.
 */
final class NewsletterQueries {
    static final ObjectMapper JSON = new ObjectMapper();

    /** A query id and the field of {@code data} that holds its answer. */
    enum Query {
        FETCH("6620195908089573", "xwa2_newsletter"),
        SUBSCRIBED("6388546374527196", "xwa2_newsletter_subscribed"),
        CREATE("6996806640408138", "xwa2_newsletter_create"),
        FOLLOW("9926858900719341", "xwa2_newsletter_join_v2"),
        UNFOLLOW("6392786840836363", "xwa2_newsletter_leave_v2");

        private final String id;
        private final String field;

        Query(String id, String field) {
            this.id = id;
            this.field = field;
        }
    }

    private NewsletterQueries() {
    }

    static CompletionStage<JsonNode> run(Whatsapp client, Query query, ObjectNode variables) {
        var body = JSON.createObjectNode().set("variables", variables);
        var request = Node.of("query", Map.of("query_id", query.id), body.toString().getBytes(StandardCharsets.UTF_8));
        return ServerIqs.query(client, ServerIqs.SERVER, "w:mex", "get", Map.of(), request)
                .thenApply(answer -> data(answer, query));
    }

    static ObjectNode variables() {
        return JSON.createObjectNode();
    }

    private static JsonNode data(Node answer, Query query) {
        var json = answer.findChild("result").flatMap(Node::contentAsBytes)
                .orElseThrow(() -> new ChannelRefusedException(500, "WhatsApp's answer carries no result"));
        JsonNode document;
        try {
            document = JSON.readTree(json);
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        var errors = document.path("errors");
        if (errors.isArray() && !errors.isEmpty()) {
            var error = errors.get(0);
            throw new ChannelRefusedException(error.path("extensions").path("error_code").asInt(500),
                    error.path("message").asText(""));
        }
        var data = document.path("data").path(query.field);
        if (data.isMissingNode() || data.isNull()) {
            throw new ChannelRefusedException(404, "WhatsApp answered no " + query.field);
        }
        return data;
    }

    /** A channel as the metadata WhatsApp's clients read: {@code id}, {@code thread_metadata}, {@code viewer_metadata}. */
    static ChannelInfo channel(JsonNode metadata) {
        var thread = metadata.path("thread_metadata");
        var viewer = metadata.path("viewer_metadata");
        var picture = thread.path("picture");
        var pictureUrl = text(picture, "url");
        if (pictureUrl == null && text(picture, "direct_path") != null) {
            pictureUrl = "https://mmg.whatsapp.net" + text(picture, "direct_path");
        }
        var subscribers = thread.path("subscribers_count");
        return new ChannelInfo(text(metadata, "id"), text(thread.path("name"), "text"),
                text(thread.path("description"), "text"), text(thread, "invite"), pictureUrl,
                "VERIFIED".equalsIgnoreCase(thread.path("verification").asText("")),
                viewer.path("role").asText(ChannelInfo.GUEST).toUpperCase(java.util.Locale.ROOT),
                subscribers.isMissingNode() || subscribers.isNull() ? null : subscribers.asLong(),
                "ON".equalsIgnoreCase(viewer.path("mute").asText("")));
    }

    static List<ChannelInfo> channels(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(NewsletterQueries::channel).toList();
    }

    private static String text(JsonNode node, String field) {
        var value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
