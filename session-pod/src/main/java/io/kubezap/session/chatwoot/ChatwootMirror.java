package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.contract.EventCatalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What one recorded event becomes in Chatwoot: a received message an {@code incoming} message of the chat's
 * conversation (its file as an attachment, its quote as {@code in_reply_to}), a message sent from the phone or the API
 * an {@code outgoing} one, a reaction a message marked {@code is_reaction} replying to the reacted one, and the receipts
 * and failure of a message Chatwoot has (an agent's reply, say) its status. Each message posted carries a
 * {@code source_id} made from the event, by which a post a kill may have interrupted is found instead of made twice.
 * One-to-one chats (a phone number's or a LID's) and groups are mirrored, a group as one contact whose messages name
 * their sender.
 */
final class ChatwootMirror {

    static final String SOURCE_PREFIX = "WAID:";
    static final String REACTION_PREFIX = "WAREACTION:";

    private final ChatwootClient client;
    private final ChatwootStore store;
    private final ChatwootConversations conversations;
    private final Function<String, Optional<ChatwootClient.Attachment>> files;
    private final Function<String, Optional<JsonNode>> stored;
    private final Function<String, Optional<String>> chatNames;

    /**
     * {@code stored}: a stored message as its events carry it, by id (for the import of past messages);
     * {@code chatNames}: a group's subject, as the session knows it.
     */
    ChatwootMirror(ChatwootClient client, ChatwootStore store, ChatwootConversations conversations,
                   Function<String, Optional<ChatwootClient.Attachment>> files, Function<String, Optional<JsonNode>> stored,
                   Function<String, Optional<String>> chatNames) {
        this.chatNames = chatNames;
        this.client = client;
        this.stored = stored;
        this.store = store;
        this.conversations = conversations;
        this.files = files;
    }

    /** Mirrors the event; returns the Chatwoot message it made, if it made one. */
    Optional<ChatwootStore.MessageLink> mirror(ChatwootStore.Pending event) {
        JsonNode payload = event.payload();
        return switch (event.type()) {
            case EventCatalogue.MESSAGE_RECEIVED -> message(event.attempted(), payload, "incoming");
            case EventCatalogue.MESSAGE_SENT -> sent(event, payload);
            case EventCatalogue.MESSAGE_STATUS -> status(payload, status(payload.path("status").asText()), null);
            case EventCatalogue.MESSAGE_FAILED -> status(payload, Optional.of("failed"),
                    payload.path("failureReason").asText("not sent"));
            case EventCatalogue.MESSAGE_REACTION -> reaction(event, payload);
            default -> Optional.empty();
        };
    }

    static boolean mirroredChat(String chat) {
        return chat != null && (chat.endsWith("@s.whatsapp.net") || chat.endsWith("@lid") || group(chat));
    }

    static boolean group(String chat) {
        return chat.endsWith("@g.us");
    }

    /** A message this session sent: a status of the Chatwoot message it came from, or, sent elsewhere, a mirrored one. */
    private Optional<ChatwootStore.MessageLink> sent(ChatwootStore.Pending event, JsonNode payload) {
        String id = payload.path("id").asText();
        Optional<ChatwootStore.MessageLink> link = store.linkOf(id).or(() -> fromMetadata(payload));
        if (link.isPresent()) {
            // its WhatsApp id is known now: a customer's reply quoting it finds the Chatwoot message
            ChatwootStore.MessageLink known = link.get();
            store.link(new ChatwootStore.MessageLink(id, payload.path("waMessageId").asText(null), known.conversationId(),
                    known.chatwootMessageId()));
            return status(payload, Optional.of("sent"), null);
        }
        return message(event.attempted(), payload, "outgoing");
    }

    /**
     * Imports a past message: posted into its chat's conversation as it would have been mirrored when it came (incoming
     * or outgoing, its file, its quote); nothing when it is gone meanwhile.
     */
    Optional<ChatwootStore.MessageLink> imported(ChatwootStore.PendingImport pending) {
        return stored.apply(pending.messageId()).flatMap(message -> message(pending.attempted(), message,
                "in".equals(message.path("direction").asText()) ? "incoming" : "outgoing"));
    }

    private Optional<ChatwootStore.MessageLink> message(boolean attempted, JsonNode message, String messageType) {
        String chat = message.path("chat").asText(null);
        if (!mirroredChat(chat)) {
            return Optional.empty();
        }
        ChatwootStore.Conversation conversation = conversations.of(person(message));
        String sourceId = SOURCE_PREFIX + message.path("waMessageId").asText(message.path("id").asText());
        Optional<Long> earlier = attempted ? find(conversation.conversationId(), sourceId) : Optional.empty();
        long chatwootId;
        try {
            chatwootId = earlier.orElseGet(() -> post(conversation, message, messageType, sourceId));
        } catch (ChatwootException gone) {
            if (gone.status() == 404) {
                // the conversation was deleted in Chatwoot: the retry makes a new one
                store.forgetConversation(chat);
            }
            throw gone;
        }
        return Optional.of(new ChatwootStore.MessageLink(message.path("id").asText(), message.path("waMessageId").asText(null),
                conversation.conversationId(), chatwootId));
    }

    private long post(ChatwootStore.Conversation conversation, JsonNode message, String messageType, String sourceId) {
        Map<String, Object> body = new LinkedHashMap<>();
        Optional<ChatwootClient.Attachment> file = message.hasNonNull("media") ? files.apply(message.path("id").asText()) : Optional.empty();
        body.put("content", senderLine(message) + content(message, file.isPresent()));
        body.put("message_type", messageType);
        body.put("private", false);
        body.put("source_id", sourceId);
        Map<String, Object> attributes = replyTo(message.path("quotedMessageId").asText(null));
        if (!attributes.isEmpty()) {
            body.put("content_attributes", attributes);
        }
        String path = "/conversations/" + conversation.conversationId() + "/messages";
        if (file.isPresent()) {
            Map<String, String> fields = new LinkedHashMap<>();
            body.forEach((name, value) -> {
                if (!(value instanceof Map)) {
                    fields.put(name, String.valueOf(value));
                }
            });
            if (attributes.containsKey("in_reply_to")) {
                fields.put("content_attributes[in_reply_to]", attributes.get("in_reply_to").toString());
            }
            return client.postMultipart(path, fields, List.of(file.get())).path("id").asLong();
        }
        return client.post(path, body).path("id").asLong();
    }

    private Optional<ChatwootStore.MessageLink> reaction(ChatwootStore.Pending event, JsonNode reaction) {
        String chat = reaction.path("chat").asText(null);
        if (!mirroredChat(chat) || reaction.path("removed").asBoolean()) {
            return Optional.empty();
        }
        JsonNode target = reaction.path("message");
        ChatwootStore.Conversation conversation = conversations.of(person(target));
        String sourceId = REACTION_PREFIX + event.eventId();
        if (event.attempted() && find(conversation.conversationId(), sourceId).isPresent()) {
            return Optional.empty();
        }
        Map<String, Object> attributes = new LinkedHashMap<>(replyTo(target.path("waMessageId").asText(null)));
        attributes.put("is_reaction", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", reaction.path("emoji").asText());
        body.put("message_type", reaction.path("fromMe").asBoolean() ? "outgoing" : "incoming");
        body.put("private", false);
        body.put("source_id", sourceId);
        body.put("content_attributes", attributes);
        client.post("/conversations/" + conversation.conversationId() + "/messages", body);
        return Optional.empty();
    }

    /** The status of the Chatwoot message a kubezap message is, when it is one; Chatwoot refusing a step back is fine. */
    private Optional<ChatwootStore.MessageLink> status(JsonNode message, Optional<String> status, String error) {
        Optional<ChatwootStore.MessageLink> link = store.linkOf(message.path("id").asText()).or(() -> fromMetadata(message));
        if (link.isEmpty() || status.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.get());
        if (error != null) {
            body.put("external_error", error);
        }
        try {
            client.patch("/conversations/" + link.get().conversationId() + "/messages/" + link.get().chatwootMessageId(), body);
        } catch (ChatwootException refused) {
            if (refused.isTransient()) {
                throw refused;
            }
            // e.g. "read" cannot go back to "delivered": the receipt is out of date, not lost
        }
        return Optional.empty();
    }

    /** An agent's reply whose link a kill lost: its send carries the Chatwoot ids in its metadata. */
    private static Optional<ChatwootStore.MessageLink> fromMetadata(JsonNode message) {
        JsonNode metadata = message.path("metadata");
        if (!metadata.has(ChatwootReplies.METADATA_MESSAGE) || !metadata.has(ChatwootReplies.METADATA_CONVERSATION)) {
            return Optional.empty();
        }
        return Optional.of(new ChatwootStore.MessageLink(message.path("id").asText(), null,
                metadata.path(ChatwootReplies.METADATA_CONVERSATION).asLong(), metadata.path(ChatwootReplies.METADATA_MESSAGE).asLong()));
    }

    private static Optional<String> status(String kubezapStatus) {
        return switch (kubezapStatus) {
            case "sent", "server_ack" -> Optional.of("sent");
            case "delivered", "delivery_ack" -> Optional.of("delivered");
            case "read", "played" -> Optional.of("read");
            default -> Optional.empty();
        };
    }

    private Map<String, Object> replyTo(String quotedWaId) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (quotedWaId != null && !quotedWaId.isBlank()) {
            store.linkOfWaId(quotedWaId).ifPresent(link -> attributes.put("in_reply_to", link.chatwootMessageId()));
            attributes.put("in_reply_to_external_id", SOURCE_PREFIX + quotedWaId);
        }
        return attributes;
    }

    private Optional<Long> find(long conversationId, String sourceId) {
        for (JsonNode message : client.get("/conversations/" + conversationId + "/messages").path("payload")) {
            if (sourceId.equals(message.path("source_id").asText())) {
                return Optional.of(message.path("id").asLong());
            }
        }
        return Optional.empty();
    }

    /** The text, a media's caption, or, for what Chatwoot cannot show, the kind in brackets. */
    private static String content(JsonNode message, boolean withFile) {
        String text = message.path("text").asText("");
        if (!text.isBlank()) {
            return text;
        }
        String type = message.path("type").asText("message");
        return "text".equals(type) || withFile ? "" : "[" + type + "]";
    }

    /**
     * A group's conversation is one contact, the group: who wrote each incoming message is its first line
     * ({@code **name** (+number):}; Evolution API also names the sender in the message).
     */
    private static String senderLine(JsonNode message) {
        String chat = message.path("chat").asText();
        if (!group(chat) || !"in".equals(message.path("direction").asText())) {
            return "";
        }
        String from = message.path("from").asText("");
        String phone = message.path("phoneNumber").asText(from.endsWith("@s.whatsapp.net") ? from.substring(0, from.indexOf('@')) : "");
        String name = message.path("pushName").asText("");
        String label = name.isBlank() ? (phone.isEmpty() ? from : "+" + phone) : name;
        String number = name.isBlank() || phone.isEmpty() ? "" : " (+" + phone + ")";
        return "**" + label + "**" + number + ":\n";
    }

    private ChatwootConversations.Person person(JsonNode message) {
        String chat = message.path("chat").asText();
        if (group(chat)) {
            // the group is the contact: its subject the name, its JID the identifier; the member's address is not the group's
            return new ChatwootConversations.Person(chat, null, null, chatNames.apply(chat).orElse(null));
        }
        String lid = message.path("lid").asText(chat.endsWith("@lid") ? chat : null);
        String phone = message.path("phoneNumber").asText(null);
        boolean fromThem = "in".equals(message.path("direction").asText());
        return new ChatwootConversations.Person(chat, lid, phone, fromThem ? message.path("pushName").asText(null) : null);
    }
}
