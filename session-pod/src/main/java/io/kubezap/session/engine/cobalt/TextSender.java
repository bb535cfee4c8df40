package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.OutgoingText;
import io.kubezap.session.engine.SendFailedException;
import io.kubezap.session.engine.SentMessage;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidProvider;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Sends texts through a logged-in client. Cobalt 0.0.10 completes a failed send normally, with the
 * message's status set to {@code ERROR}; that is turned into a {@link SendFailedException} here.
 */
final class TextSender {

    private final Clock clock;

    TextSender(Clock clock) {
        this.clock = clock;
    }

    CompletionStage<SentMessage> send(Whatsapp client, OutgoingText outgoing) {
        if (client == null || !client.isConnected() || !client.keys().registered()) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
        }
        Jid chat;
        MessageContainer message;
        try {
            chat = Jid.of(outgoing.chatJid());
            message = OutgoingTexts.toMessage(outgoing, client.store());
        } catch (RuntimeException invalid) {
            return CompletableFuture.failedFuture(new SendFailedException("Cannot build the message: " + invalid.getMessage(), false, invalid));
        }
        try {
            return client.sendChatMessage(knownChat(client, chat), message, false).handle(this::sent);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp send failed: " + refused, true, refused));
        }
    }

    /**
     * The store's own chat with that address, if there is one. Cobalt 0.0.10 keys chats by {@code Jid}, whose
     * hash includes the server's type while its equality does not, so a jid parsed from text can miss the chat
     * a received message created: the sent message would land in a twin chat, where the phone's receipts
     * (looked up by the jid WhatsApp sends) never find it.
     */
    private static JidProvider knownChat(Whatsapp client, Jid chat) {
        return client.store().findChatByJid(chat)
                .or(() -> client.store().chats().stream()
                        .filter(candidate -> candidate.jid().toString().equals(chat.toString()))
                        .findFirst())
                .<JidProvider>map(found -> found)
                .orElse(chat);
    }

    private SentMessage sent(ChatMessageInfo info, Throwable error) {
        if (error != null) {
            var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            throw new SendFailedException("WhatsApp send failed: " + cause, true, cause);
        }
        if (info.status() == MessageStatus.ERROR) {
            throw new SendFailedException("WhatsApp did not accept message " + info.id(), true, null);
        }
        var sentAt = info.timestampSeconds().isPresent()
                ? Instant.ofEpochSecond(info.timestampSeconds().getAsLong())
                : clock.instant();
        return new SentMessage(info.id(), sentAt);
    }
}
