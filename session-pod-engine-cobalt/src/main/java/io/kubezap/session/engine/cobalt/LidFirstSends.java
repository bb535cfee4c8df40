package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.lid.LidFirst;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.request.MessageRequest;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One-to-one sends to the LID when the client knows it, with the number beside it, as whatsmeow sends since July 2026
 * ({@link LidFirst}, cobalt-patches): the message is encrypted for the LID's devices in the Signal sessions Cobalt keeps
 * with the LID (those it reads the person's LID-addressed messages in), for the account's own devices as before.
 */
final class LidFirstSends {

    private LidFirstSends() {
    }

    /** The LID to send {@code chat}'s one-to-one messages to: known, and not the account's own. */
    static Optional<Jid> lidFor(Whatsapp client, Jid chat) {
        if (!chat.hasServer(JidServer.whatsapp()) || client.store().jid().map(own -> own.user().equals(chat.user())).orElse(true)) {
            return Optional.empty();
        }
        return LidFirst.existing(client).flatMap(lids -> lids.lidOf(chat));
    }

    static CompletableFuture<ChatMessageInfo> send(Whatsapp client, ChatMessageInfo info, Jid lid) {
        var own = client.store().jid().orElseThrow().toSimpleJid();
        var request = new MessageRequest.Chat(info, Set.of(own, lid), false, false,
                Map.of(LidFirst.PEER_RECIPIENT_PN, info.chatJid().toSimpleJid()));
        return GroupSenderKeys.cacheLidDevices(client, lid)
                .thenCompose(ignored -> RawNodes.sendMessage(client, request))
                .thenApply(ignored -> info);
    }

    /**
     * To a LID whose number is not known ({@code info}'s chat on {@code @lid}): encrypted for the LID's devices (asked of
     * usync by LID, as whatsmeow and Baileys do) and the account's own, with no {@code peer_recipient_pn}, as current
     * clients send to someone whose number WhatsApp hides.
     */
    static CompletableFuture<ChatMessageInfo> sendToLid(Whatsapp client, ChatMessageInfo info) {
        var own = client.store().jid().orElseThrow().toSimpleJid();
        var lid = info.chatJid().toSimpleJid();
        var request = new MessageRequest.Chat(info, Set.of(own, lid), false, false, null);
        return GroupSenderKeys.cacheLidDevices(client, lid)
                .thenCompose(ignored -> LidConversations.send(client, request))
                .thenApply(ignored -> info);
    }
}
