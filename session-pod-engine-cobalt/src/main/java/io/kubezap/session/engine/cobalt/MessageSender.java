package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.GroupInfo;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageIds;
import io.kubezap.session.engine.OutgoingContent;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MediaLocator;
import io.kubezap.session.engine.OutgoingMedia;
import io.kubezap.session.engine.OutgoingMessage;
import io.kubezap.session.engine.SendFailedException;
import io.kubezap.session.engine.SentMessage;
import io.kubezap.session.engine.StatusPost;
import it.auties.whatsapp.model.request.MessageRequest;
import java.util.stream.Collectors;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.MediaMessage;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.model.MessageStatus;

import io.kubezap.session.engine.MessageRef;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import it.auties.whatsapp.model.node.Node;
import it.auties.whatsapp.model.privacy.PrivacySettingType;
import it.auties.whatsapp.model.privacy.PrivacySettingValue;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Sends messages through a logged-in client. Cobalt 0.0.10 completes a failed send normally, with the
 * message's status set to {@code ERROR}; that is turned into a {@link SendFailedException} here.
 */
final class MessageSender {

    private final Clock clock;
    private final SentMessages sent;
    private final GroupSenderKeys groupSenderKeys = new GroupSenderKeys();
    /** A group's settings as WhatsApp answers them now ({@link CobaltGroups#metadata}): why a post was refused. */
    private final Function<String, CompletionStage<GroupInfo>> groupMetadata;

    MessageSender(Clock clock, SentMessages sent, Function<String, CompletionStage<GroupInfo>> groupMetadata) {
        this.clock = clock;
        this.sent = sent;
        this.groupMetadata = groupMetadata;
    }

    CompletionStage<SentMessage> send(Whatsapp client, OutgoingMessage outgoing, String messageId) {
        if (client == null || !client.isConnected() || !client.keys().registered()) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
        }
        if (outgoing instanceof OutgoingMedia media && media.standard() != null) {
            return inHd(client, media, messageId);
        }
        if (outgoing instanceof OutgoingContent content && content.content() instanceof MessageContent.Carousel carousel) {
            var to = OutgoingMessageBuilder.jid(outgoing.chatJid());
            return Carousels.message(client, carousel).thenCompose(message -> send(client, outgoing, to, message, messageId));
        }
        Jid chat;
        MessageContainer message;
        try {
            chat = OutgoingMessageBuilder.jid(outgoing.chatJid());
            message = OutgoingMessageBuilder.toMessage(outgoing, client.store());
            EventSecrets.keep(client.store(), messageId, message);
        } catch (RuntimeException invalid) {
            return CompletableFuture.failedFuture(new SendFailedException("Cannot build the message: " + invalid.getMessage(), false, invalid));
        }
        return send(client, outgoing, chat, message, messageId);
    }

    /**
     * A photo or video in HD: its standard copy as {@code messageId}, then the original associated to it
     * ({@link HdOriginals}); the send is done when both are.
     */
    private CompletionStage<SentMessage> inHd(Whatsapp client, OutgoingMedia media, String messageId) {
        var standard = media.standard();
        var copy = new OutgoingMedia(media.chatJid(), media.kind(), standard.file(), standard.mimeType(), media.fileName(),
                media.caption(), media.quotedMessageId(), media.mentions(), media.traits(), standard.facts(), null);
        var original = new OutgoingMedia(media.chatJid(), media.kind(), media.file(), media.mimeType(), media.fileName(),
                media.caption(), null, List.of(), null, media.facts(), null);
        var chat = OutgoingMessageBuilder.jid(media.chatJid());
        return send(client, copy, messageId).thenCompose(sent -> HdOriginals.upload(client,
                        OutgoingMessageBuilder.toMessage(original, client.store()), chat, messageId)
                .thenCompose(carrier -> send(client, original, chat, carrier, HdOriginals.originalId(messageId)))
                .thenApply(ignored -> sent));
    }

    private CompletionStage<SentMessage> send(Whatsapp client, OutgoingMessage outgoing, Jid chat, MessageContainer message,
                                              String messageId) {
        if (chat.hasServer(JidServer.newsletter())) {
            return channelPost(client, outgoing, message, messageId);
        }
        try {
            var info = OutgoingMessageBuilder.info(client, chat, message, messageId);
            sent.sending(info);
            BizNodes.existing(client).ifPresent(biz -> biz.expect(info));
            CompletableFuture<ChatMessageInfo> sending;
            if (StatusPost.isStatus(outgoing.chatJid())) {
                sending = status(client, info, outgoing.traits().statusPost());
            } else if (chat.hasServer(JidServer.groupOrCommunity())) {
                var acks = ServerAcks.of(client);
                // the ack awaited from the send on, not from the queue of posts before it
                sending = groupSenderKeys.post(client, chat, () -> {
                    var error = acks.errorOf(info.id());
                    return client.sendMessage(info, false).thenCompose(sent ->
                            GroupPostRefusals.accepted(() -> groupMetadata.apply(chat.toString()), sent, error));
                });
            } else {
                // to the LID when known, the number beside it, as current clients send one-to-one messages
                var lid = LidFirstSends.lidFor(client, chat);
                sending = (chat.hasServer(JidServer.lid()) ? LidFirstSends.sendToLid(client, info)
                        : lid.isPresent() ? LidFirstSends.send(client, info, lid.get()) : client.sendMessage(info, false))
                        .thenCompose(sent -> PrivacyTokenRefusals.accepted(client, sent));
            }
            return sending.handle((sent, error) -> sent(outgoing, sent, error)).thenApply(accepted -> {
                // an edit or deletion: a device that asks for its target again gets what it says now
                sent.changed(client, info);
                return accepted;
            });
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp send failed: " + refused, true, refused));
        }
    }

    /**
     * A post to a channel the account owns or administers: plaintext, not Signal-encrypted (Cobalt 0.0.10's
     * {@code sendNewsletterMessage} needs the channel in its store, which following does not put there). Files would be
     * uploaded unencrypted, which the adapter does not do yet.
     */
    private CompletionStage<SentMessage> channelPost(Whatsapp client, OutgoingMessage outgoing, MessageContainer message,
                                                     String messageId) {
        if (outgoing instanceof OutgoingMedia) {
            return CompletableFuture.failedFuture(new SendFailedException("Files cannot be posted to a channel yet; post text", false, null));
        }
        boolean poll = outgoing instanceof OutgoingContent posted && posted.content() instanceof MessageContent.Poll;
        return NewsletterMessages.send(client, NewsletterMessages.outgoing(outgoing.chatJid(), messageId, message, poll))
                .handle((ack, error) -> {
                    if (error != null) {
                        var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        throw new SendFailedException("WhatsApp did not accept the post: " + cause.getMessage(),
                                !(cause instanceof io.kubezap.session.engine.ChannelRefusedException), cause);
                    }
                    return new SentMessage(messageId, clock.instant(), null);
                });
    }

    /**
     * A status goes to its audience: Cobalt 0.0.10 would send it to the contacts in its store (which app-state sync may
     * not have filled), and its own {@code sendStatus} leaves the message out. Every device of the audience is given the
     * sender key afresh, as WhatsApp's clients do for statuses.
     */
    private static CompletableFuture<ChatMessageInfo> status(Whatsapp client, ChatMessageInfo info, StatusPost post) {
        if (post == null || post.audience().isEmpty()) {
            return CompletableFuture.failedFuture(new SendFailedException("A status needs an audience", false, null));
        }
        var audience = post.audience().stream().map(OutgoingMessageBuilder::jid).collect(Collectors.toSet());
        return RawNodes.sendMessage(client, new MessageRequest.Chat(info, audience, true, false, null)).thenApply(ignored -> info);
    }

    /**
     * Read receipts, one per message, as Cobalt sends them; in a group and for a status each names the message's writer
     * ({@code participant}), which Cobalt 0.0.10's leaves out (WhatsApp then cannot tell whose message was read, and the
     * writer's ticks never turn blue). In a group, as Cobalt does, {@code read-self} while the account's read receipts
     * are off.
     */
    CompletionStage<Void> markRead(Whatsapp client, String chatJid, List<MessageRef> messages) {
        if (client == null || !client.isConnected() || !client.keys().registered()) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
        }
        try {
            var chat = OutgoingMessageBuilder.jid(chatJid);
            if (StatusPost.isStatus(chatJid) || chat.hasServer(JidServer.groupOrCommunity())) {
                var type = StatusPost.isStatus(chatJid) || readReceiptsSent(client) ? "read" : "read-self";
                messages.forEach(message -> RawNodes.sendWithoutAnswer(client, Node.of("receipt", Map.of("id", message.messageId(),
                        "to", chat, "participant", OutgoingMessageBuilder.jid(message.senderJid()), "type", type,
                        "t", String.valueOf(clock.millis())))));
                return CompletableFuture.completedFuture(null);
            }
            for (var message : messages) {
                var sender = message.senderJid() == null ? chat : OutgoingMessageBuilder.jid(message.senderJid());
                var key = new ChatMessageKeyBuilder().id(message.messageId()).chatJid(chat).fromMe(false).senderJid(sender).build();
                client.markMessageRead(new ChatMessageInfoBuilder().key(key).senderJid(sender)
                        .status(it.auties.whatsapp.model.message.model.MessageStatus.DELIVERED).build());
            }
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("Read receipts not sent: " + refused, true, refused));
        }
    }

    /**
     * A {@code played} receipt, as WhatsApp's apps send one when a voice note is listened to (whatsmeow's
     * {@code ReceiptTypePlayed}); in a group it names the note's writer ({@code participant}). Cobalt 0.0.10 sends none.
     */
    CompletionStage<Void> markPlayed(Whatsapp client, String chatJid, MessageRef message) {
        if (client == null || !client.isConnected() || !client.keys().registered()) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
        }
        try {
            var chat = OutgoingMessageBuilder.jid(chatJid);
            var attributes = new java.util.LinkedHashMap<String, Object>(Map.of("id", message.messageId(), "to", chat, "type", "played",
                    "t", String.valueOf(clock.millis() / 1000)));
            if (chat.hasServer(JidServer.groupOrCommunity())) {
                attributes.put("participant", OutgoingMessageBuilder.jid(message.senderJid()));
            }
            RawNodes.sendWithoutAnswer(client, Node.of("receipt", attributes));
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("Played receipt not sent: " + refused, true, refused));
        }
    }

    private static boolean readReceiptsSent(Whatsapp client) {
        var setting = client.store().findPrivacySetting(PrivacySettingType.READ_RECEIPTS);
        return setting == null || setting.value() == PrivacySettingValue.EVERYONE;
    }

    /**
     * Declines a call as WhatsApp's clients do: a {@code call} stanza with {@code reject} to the caller, which the
     * server acknowledges. Cobalt 0.0.10's {@code stopCall} refuses to run outside its mobile mode.
     */
    /** The chat's disappearing messages setting, sent to the chat as the phone sends it (Cobalt checks no duration). */
    CompletionStage<Void> setDisappearing(Whatsapp client, String chatJid, int seconds) {
        if (client == null || !client.isConnected() || client.store().jid().isEmpty()) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
        }
        try {
            var chat = OutgoingMessageBuilder.jid(chatJid);
            var info = OutgoingMessageBuilder.info(client, chat, DisappearingSettings.message(seconds), MessageIds.next());
            return client.sendMessage(info, false).thenApply(sent -> {
                if (sent.status() == MessageStatus.ERROR) {
                    throw new SendFailedException("WhatsApp did not accept the disappearing messages setting", true, null);
                }
                return null;
            });
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("Setting not sent: " + refused, true, refused));
        }
    }

    CompletionStage<Void> rejectCall(Whatsapp client, String callId, String callerJid) {
        if (client == null || !client.isConnected() || client.store().jid().isEmpty()) {
            return CompletableFuture.failedFuture(new SendFailedException("WhatsApp is not connected", true, null));
        }
        var caller = OutgoingMessageBuilder.jid(callerJid);
        var reject = Node.of("reject", Map.of("call-id", callId, "call-creator", caller, "count", "0"));
        var call = Node.of("call", Map.of("from", client.store().jid().get(), "to", caller, "id", MessageIds.next()), reject);
        try {
            return client.sendNode(call).thenApply(answer -> null);
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(new SendFailedException("Call not rejected: " + refused, true, refused));
        }
    }

    private SentMessage sent(OutgoingMessage outgoing, ChatMessageInfo info, Throwable error) {
        if (error != null) {
            var cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof SendFailedException refused) {
                throw refused;
            }
            throw new SendFailedException("WhatsApp send failed: " + cause, true, cause);
        }
        if (info.status() == MessageStatus.ERROR) {
            throw new SendFailedException("WhatsApp did not accept message " + info.id(), true, null);
        }
        var sentAt = info.timestampSeconds().isPresent()
                ? Instant.ofEpochSecond(info.timestampSeconds().getAsLong())
                : clock.instant();
        var media = outgoing instanceof OutgoingMedia sentMedia && info.message().content() instanceof MediaMessage<?> uploaded
                ? locator(sentMedia.kind(), uploaded) : null;
        return new SentMessage(info.id(), sentAt, media);
    }

    /** Where the upload put the file, so that the API can fetch it again if the local copy goes. */
    static MediaLocator locator(MediaKind kind, MediaMessage<?> media) {
        var base64 = Base64.getEncoder();
        return new MediaLocator(kind, media.mediaUrl().orElse(null), media.mediaDirectPath().orElse(null),
                media.mediaKey().map(base64::encodeToString).orElse(null),
                media.mediaSha256().map(base64::encodeToString).orElse(null),
                media.mediaEncryptedSha256().map(base64::encodeToString).orElse(null),
                media.mediaSize().orElse(0));
    }
}
