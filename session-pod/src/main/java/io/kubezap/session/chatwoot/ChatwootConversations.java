package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Chatwoot contact and conversation of a WhatsApp chat. A contact is matched by phone number (E.164, {@code +}
 * and digits) or by identifier (the chat's LID, else its JID), and made when none matches; the conversation is the
 * contact's latest in the session's inbox, or a new one. Each step looks before it makes, so a start killed half-way
 * makes nothing twice.
 */
final class ChatwootConversations {

    private final ChatwootClient client;
    private final ChatwootStore store;
    private final long inboxId;

    ChatwootConversations(ChatwootClient client, ChatwootStore store, long inboxId) {
        this.client = client;
        this.store = store;
        this.inboxId = inboxId;
    }

    /** Who a chat is with, as the event names them. */
    record Person(String chat, String lid, String phoneNumber, String name) {

        String identifier() {
            return lid != null ? lid : chat;
        }

        Optional<String> e164() {
            return phoneNumber == null || phoneNumber.isBlank() ? Optional.empty() : Optional.of("+" + phoneNumber);
        }
    }

    ChatwootStore.Conversation of(Person person) {
        Optional<ChatwootStore.Conversation> known = store.conversationOf(person.chat());
        if (known.isPresent()) {
            return known.get();
        }
        long contactId;
        String sourceId;
        Optional<JsonNode> matched = match(person);
        if (matched.isPresent()) {
            contactId = matched.get().path("id").asLong();
            sourceId = client.post("/contacts/" + contactId + "/contact_inboxes", Map.of("inbox_id", inboxId, "source_id", person.chat()))
                    .path("source_id").asText(person.chat());
        } else {
            Map<String, Object> contact = new LinkedHashMap<>();
            contact.put("inbox_id", inboxId);
            contact.put("name", person.name() == null || person.name().isBlank()
                    ? person.e164().orElse(person.identifier()) : person.name());
            person.e164().ifPresent(phone -> contact.put("phone_number", phone));
            contact.put("identifier", person.identifier());
            JsonNode created = client.post("/contacts", contact).path("payload");
            contactId = created.path("contact").path("id").asLong();
            sourceId = created.path("contact_inbox").path("source_id").asText();
            if (sourceId.isEmpty()) {
                sourceId = client.post("/contacts/" + contactId + "/contact_inboxes", Map.of("inbox_id", inboxId, "source_id", person.chat()))
                        .path("source_id").asText(person.chat());
            }
        }
        String source = sourceId;
        long conversationId = existingConversation(contactId).orElseGet(() -> createConversation(contactId, source));
        ChatwootStore.Conversation conversation = new ChatwootStore.Conversation(person.chat(), contactId, sourceId, conversationId);
        store.saveConversation(conversation);
        return conversation;
    }

    private long createConversation(long contactId, String sourceId) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("source_id", sourceId);
        request.put("inbox_id", inboxId);
        request.put("contact_id", contactId);
        request.put("status", "open");
        return client.post("/conversations", request).path("id").asLong();
    }

    private Optional<JsonNode> match(Person person) {
        String query = person.phoneNumber() != null ? person.phoneNumber() : person.identifier();
        for (JsonNode contact : client.get("/contacts/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8))
                .path("payload")) {
            boolean samePhone = person.e164().map(phone -> phone.equals(contact.path("phone_number").asText())).orElse(false);
            boolean sameIdentifier = person.identifier().equals(contact.path("identifier").asText())
                    || person.chat().equals(contact.path("identifier").asText());
            if (samePhone || sameIdentifier) {
                return Optional.of(contact);
            }
        }
        return Optional.empty();
    }

    private Optional<Long> existingConversation(long contactId) {
        for (JsonNode conversation : client.get("/contacts/" + contactId + "/conversations").path("payload")) {
            if (conversation.path("inbox_id").asLong() == inboxId) {
                return Optional.of(conversation.path("id").asLong());
            }
        }
        return Optional.empty();
    }
}
