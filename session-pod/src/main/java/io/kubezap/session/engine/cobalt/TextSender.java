package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.OutgoingText;
import io.kubezap.session.engine.SendFailedException;
import io.kubezap.session.engine.SentMessage;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
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
            chat = OutgoingTexts.jid(outgoing.chatJid());
            message = OutgoingTexts.toMessage(outgoing, client.store());
        } catch (RuntimeException invalid) {
            return CompletableFuture.failedFuture(new SendFailedException("Cannot build the message: " + invalid.getMessage(), false, invalid));
        }
        try {
            return client.sendChatMessage(chat, message, false).handle(this::sent);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp send failed: " + refused, true, refused));
        }
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
