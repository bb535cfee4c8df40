package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.JsonNode;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The session's API-channel inbox: the one {@code spec.chatwoot.inboxId} names, the one this session made before, one
 * of the configured name (a start that made it and was killed before saving it finds it again), or a new one. Its
 * webhook URL is set to this pod's, with a secret token only this session's rows hold.
 */
final class ChatwootInbox {

    private final ChatwootClient client;
    private final ChatwootStore store;
    private final long accountId;
    private final OptionalLong configuredInbox;
    private final String inboxName;
    private final String webhookPath;
    private final String webhookBaseUrl;
    private final OptionalInt importDays;

    /** {@code importDays}: with {@code importMessages}, how far back the first link imports the history already stored. */
    ChatwootInbox(ChatwootClient client, ChatwootStore store, long accountId, OptionalLong configuredInbox, String inboxName,
                  String webhookBaseUrl, String webhookPath, OptionalInt importDays) {
        this.importDays = importDays;
        this.client = client;
        this.store = store;
        this.accountId = accountId;
        this.configuredInbox = configuredInbox;
        this.inboxName = inboxName;
        this.webhookBaseUrl = webhookBaseUrl.endsWith("/") ? webhookBaseUrl.substring(0, webhookBaseUrl.length() - 1) : webhookBaseUrl;
        this.webhookPath = webhookPath;
    }

    /** Finds or makes the inbox and points its webhook at this pod; idempotent, so it runs at every start. */
    ChatwootStore.Inbox link() {
        Optional<ChatwootStore.Inbox> stored = store.inbox().filter(inbox -> inbox.accountId() == accountId);
        String token = stored.map(ChatwootStore.Inbox::webhookToken).orElseGet(ChatwootInbox::newToken);
        String webhookUrl = webhookBaseUrl + webhookPath + "/" + token;
        long inboxId;
        if (configuredInbox.isPresent()) {
            inboxId = configuredInbox.getAsLong();
        } else if (stored.isPresent()) {
            inboxId = stored.get().inboxId();
        } else {
            inboxId = byName().orElseGet(() -> client.post("/inboxes", Map.of("name", inboxName,
                    "channel", Map.of("type", "api", "webhook_url", webhookUrl))).path("id").asLong());
        }
        client.patch("/inboxes/" + inboxId, Map.of("channel", Map.of("webhook_url", webhookUrl)));
        ChatwootStore.Inbox inbox = new ChatwootStore.Inbox(accountId, inboxId, token);
        store.saveInbox(inbox, Instant.now(), stored.isEmpty() ? importDays : OptionalInt.empty());
        return inbox;
    }

    private Optional<Long> byName() {
        for (JsonNode inbox : client.get("/inboxes").path("payload")) {
            if (inboxName.equals(inbox.path("name").asText()) && "Channel::Api".equals(inbox.path("channel_type").asText())) {
                return Optional.of(inbox.path("id").asLong());
            }
        }
        return Optional.empty();
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
