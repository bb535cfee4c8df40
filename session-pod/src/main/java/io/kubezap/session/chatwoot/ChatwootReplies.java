package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.session.failure.Failure;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.message.Submission;
import io.kubezap.session.engine.MessageTraits;
import io.kubezap.session.outbound.SendIntake;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chatwoot's webhook ({@code message_created}) for the session's inbox: an agent's public reply ({@code outgoing},
 * not {@code private}) is sent to the conversation's WhatsApp chat through the session's durable send queue, its
 * attachments as media messages ({@link ChatwootAttachments}), with the Chatwoot message id in each send's idempotency
 * key, so a webhook Chatwoot delivers twice sends once. What the send
 * becomes (sent, delivered, read, failed) goes back to that Chatwoot message through the outbox. Messages the
 * connector itself posted (their {@code source_id}) and every other event are acknowledged and ignored.
 */
final class ChatwootReplies {

    static final String METADATA_MESSAGE = "chatwootMessageId";
    static final String METADATA_CONVERSATION = "chatwootConversationId";
    private static final Logger LOG = Logger.getLogger(ChatwootReplies.class);

    private final ChatwootStore store;
    private final ChatwootClient client;
    private final SendIntake sends;
    private final ChatwootAttachments attachments;
    private final ChatwootStore.Inbox inbox;

    ChatwootReplies(ChatwootStore store, ChatwootClient client, SendIntake sends, ChatwootAttachments attachments,
                    ChatwootStore.Inbox inbox) {
        this.attachments = attachments;
        this.store = store;
        this.client = client;
        this.sends = sends;
        this.inbox = inbox;
    }

    /** What the webhook request is answered. */
    record Answer(int status, String body) {
    }

    boolean acceptsToken(String token) {
        return token != null && MessageDigest.isEqual(inbox.webhookToken().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    Answer handle(JsonNode event) {
        if (!"message_created".equals(event.path("event").asText()) || !agentsPublicReply(event)) {
            return new Answer(200, "{\"ignored\":true}");
        }
        long chatwootId = event.path("id").asLong();
        long conversationId = event.path("conversation").path("id").asLong();
        Optional<String> chat = chatOf(event, conversationId);
        if (chat.isEmpty()) {
            return new Answer(422, "{\"error\":\"the conversation names no WhatsApp chat\"}");
        }
        String quoted = event.path("content_attributes").has("in_reply_to")
                ? store.linkOfChatwootId(event.path("content_attributes").path("in_reply_to").asLong())
                .map(ChatwootStore.MessageLink::messageId).orElse(null) : null;
        Map<String, String> metadata = Map.of(METADATA_MESSAGE, Long.toString(chatwootId), METADATA_CONVERSATION, Long.toString(conversationId));
        try {
            List<SendCommand> outgoing = attachments.sends(chat.get(), event.path("content").asText(""), quoted, event.path("attachments"));
            String firstId = null;
            for (int n = 0; n < outgoing.size(); n++) {
                SendCommand send = outgoing.get(n).with(false, metadata, MessageTraits.NONE, SendCommand.Pacing.NONE);
                // the first send keeps the key a text-only reply always had; each further file its own
                String key = "chatwoot-" + inbox.accountId() + "-" + chatwootId + (n == 0 ? "" : "-" + n);
                Submission submission = sends.submit(send, Optional.of(key));
                store.link(new ChatwootStore.MessageLink(submission.message().id(), null, conversationId, chatwootId));
                firstId = firstId == null ? submission.message().id() : firstId;
            }
            return new Answer(200, "{\"id\":\"" + firstId + "\"}");
        } catch (Failure refused) {
            LOG.warnf("Chatwoot message %d not sent: %s", chatwootId, refused.getMessage());
            reportFailure(conversationId, chatwootId, refused.getMessage());
            return new Answer(409, "{\"error\":\"not sent\"}");
        }
    }

    private boolean agentsPublicReply(JsonNode event) {
        JsonNode type = event.path("message_type");
        boolean outgoing = "outgoing".equals(type.asText()) || (type.isInt() && type.asInt() == 1);
        String source = event.path("source_id").asText("");
        boolean ours = source.startsWith(ChatwootMirror.SOURCE_PREFIX) || source.startsWith(ChatwootMirror.REACTION_PREFIX);
        long inboxOfEvent = event.path("conversation").path("inbox_id").asLong(event.path("inbox").path("id").asLong(inbox.inboxId()));
        return outgoing && !event.path("private").asBoolean(false) && !ours && inboxOfEvent == inbox.inboxId();
    }

    /** The chat the connector made the conversation for, else the one its contact names (a conversation an agent started). */
    private Optional<String> chatOf(JsonNode event, long conversationId) {
        Optional<String> known = store.conversationById(conversationId).map(ChatwootStore.Conversation::chat);
        if (known.isPresent()) {
            return known;
        }
        JsonNode sender = event.path("conversation").path("meta").path("sender");
        String identifier = sender.path("identifier").asText("");
        if (identifier.endsWith("@s.whatsapp.net") || identifier.endsWith("@lid")) {
            return Optional.of(identifier);
        }
        String phone = sender.path("phone_number").asText("").replaceAll("[^0-9]", "");
        return phone.isEmpty() ? Optional.empty() : Optional.of(phone + "@s.whatsapp.net");
    }

    private void reportFailure(long conversationId, long chatwootId, String why) {
        try {
            client.patch("/conversations/" + conversationId + "/messages/" + chatwootId,
                    Map.of("status", "failed", "external_error", why));
        } catch (ChatwootException unreachable) {
            LOG.warnf("Chatwoot message %d: its failure could not be reported (%s)", chatwootId, unreachable.getMessage());
        }
    }
}
