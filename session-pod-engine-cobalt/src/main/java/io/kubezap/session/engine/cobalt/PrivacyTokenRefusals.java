package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.tokens.PrivacyTokens;
import io.kubezap.session.engine.PrivacyTokenRefusal;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.message.model.MessageStatus;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * How WhatsApp finally took a one-to-one message: WhatsApp refuses one without a privacy token with error 463, which
 * Cobalt records as {@code ERROR} and forgets; the client's {@link PrivacyTokens} recover it once (a fresh token, the
 * same stanza again). A message still refused fails with the cause in its reason, never as a generic error; one accepted
 * after the recovery is sent.
 */
final class PrivacyTokenRefusals {

    private PrivacyTokenRefusals() {
    }

    static CompletableFuture<ChatMessageInfo> accepted(Whatsapp client, ChatMessageInfo sent) {
        return PrivacyTokens.existing(client)
                .map(tokens -> tokens.outcome(sent.id()))
                .orElse(CompletableFuture.completedFuture(Optional.empty()))
                .thenApply(refusal -> {
                    if (refusal.isPresent()) {
                        throw PrivacyTokenRefusal.of(refusal.get().reason());
                    }
                    if (sent.status() == MessageStatus.ERROR) {
                        // the 463 Cobalt recorded was recovered from: the stanza sent again was accepted
                        sent.setStatus(MessageStatus.SERVER_ACK);
                    }
                    return sent;
                });
    }
}
