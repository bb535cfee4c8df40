package io.kubezap.session.engine.cobalt;

import io.kubezap.cobalt.media.StagedMedia;
import io.kubezap.session.engine.OutgoingMedia;
import io.kubezap.session.engine.OutgoingMessage;
import io.kubezap.session.engine.OutgoingText;
import io.kubezap.session.engine.OutgoingContent;
import io.kubezap.session.engine.OutgoingUpdate;
import it.auties.whatsapp.api.Whatsapp;
import it.auties.whatsapp.controller.Store;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ChatMessageInfoBuilder;
import it.auties.whatsapp.model.info.DeviceContextInfo;
import it.auties.whatsapp.model.info.DeviceContextInfoBuilder;
import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.model.message.model.ChatMessageKeyBuilder;
import it.auties.whatsapp.model.message.model.MessageStatus;
import it.auties.whatsapp.model.sync.DeviceListMetadataBuilder;
import it.auties.whatsapp.util.Clock;
import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.info.ContextInfoBuilder;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.jid.JidServer;
import it.auties.whatsapp.model.message.model.ContextualMessage;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.AudioMessageBuilder;
import it.auties.whatsapp.model.message.standard.DocumentMessageBuilder;
import it.auties.whatsapp.model.message.standard.ImageMessageBuilder;
import it.auties.whatsapp.model.message.standard.ImageMessageSimpleBuilder;
import it.auties.whatsapp.model.message.standard.StickerMessageBuilder;
import it.auties.whatsapp.model.message.standard.TextMessage;
import it.auties.whatsapp.model.message.standard.TextMessageBuilder;

import java.util.Base64;
import it.auties.whatsapp.model.message.standard.VideoMessageSimpleBuilder;
import it.auties.whatsapp.model.message.standard.VideoOrGifMessageBuilder;

/**
 * Builds Cobalt's message for an {@link OutgoingMessage}. The context (quote and mentions) is built here because
 * Cobalt's {@code ContextInfo.of(context, quoted)} drops the mentions. A media file is handed to Cobalt's builders as
 * a stand-in ({@link StagedMedia}): the replaced {@code Medias} streams it from disk when Cobalt uploads it.
 */
final class OutgoingMessageBuilder {

    private OutgoingMessageBuilder() {
    }

    static MessageContainer toMessage(OutgoingMessage outgoing, Store store) {
        if (outgoing instanceof OutgoingUpdate update) {
            return OutgoingUpdates.toMessage(update, store);
        }
        if (outgoing instanceof OutgoingContent content && content.content() instanceof MessageContent.Event event) {
            return CalendarEvents.message(event);
        }
        if (outgoing instanceof OutgoingContent content && content.content() instanceof MessageContent.Album album) {
            return Albums.first(album);
        }
        var context = context(outgoing, store);
        ContextualMessage<?> message = switch (outgoing) {
            case OutgoingText text -> text(text);
            case OutgoingMedia media -> media(media, context);
            case OutgoingContent content -> StructuredMessages.toCobalt(content.content());
            case OutgoingUpdate ignored -> throw new IllegalStateException("built above");
        };
        if (context != null) {
            message.setContextInfo(context);
        }
        var container = outgoing.traits().viewOnce() ? MessageContainer.ofViewOnceV2(message) : MessageContainer.of(message);
        var albumId = outgoing.traits().albumId();
        return albumId == null ? container : Albums.item(container, jid(outgoing.chatJid()).toString(), albumId);
    }

    /** A text, with the preview card of its link when the send carries one, or its look when it is a status. */
    private static TextMessage text(OutgoingText text) {
        var preview = text.traits().linkPreview();
        var look = text.traits().statusPost();
        if (look != null) {
            var status = TextMessage.of(text.text());
            status.setBackgroundArgb(look.backgroundArgb());
            status.setFont(look.font() == null ? null : TextMessage.FontType.values()[look.font()]);
            return status;
        }
        if (preview == null) {
            return TextMessage.of(text.text());
        }
        var builder = new TextMessageBuilder().text(text.text()).matchedText(preview.matchedText())
                .canonicalUrl(preview.url()).title(preview.title()).description(preview.description())
                .previewType(TextMessage.PreviewType.NONE);
        if (preview.thumbnail() != null) {
            builder.thumbnail(Base64.getDecoder().decode(preview.thumbnail()));
        }
        return builder.build();
    }

    /**
     * Cobalt's simple builders compute what the pod already knows ({@link OutgoingMedia#facts()}) with its own
     * {@code Medias}, which has no durations, waveforms or sticker sizes: with facts, the full builders carry the pod's.
     */
    private static ContextualMessage<?> media(OutgoingMedia media, ContextInfo context) {
        var standIn = StagedMedia.stage(media.file());
        var facts = media.facts();
        var fullContext = context == null ? ContextInfo.empty() : context;
        return switch (media.kind()) {
            case IMAGE -> facts.width() == null ? new ImageMessageSimpleBuilder().media(standIn).mimeType(media.mimeType())
                    .caption(media.caption()).contextInfo(context).build()
                    : new ImageMessageBuilder().mimetype(media.mimeType()).caption(media.caption()).width(facts.width())
                    .height(facts.height()).thumbnail(facts.thumbnail()).contextInfo(fullContext).build().setDecodedMedia(standIn);
            case VIDEO -> facts.width() == null ? new VideoMessageSimpleBuilder().media(standIn).mimeType(media.mimeType())
                    .caption(media.caption()).contextInfo(context).build()
                    : new VideoOrGifMessageBuilder().mimetype(media.mimeType()).caption(media.caption()).duration(facts.seconds())
                    .width(facts.width()).height(facts.height()).thumbnail(facts.thumbnail())
                    .gifPlayback(Boolean.TRUE.equals(facts.gifPlayback())).contextInfo(fullContext).build().setDecodedMedia(standIn);
            case AUDIO, VOICE -> new AudioMessageBuilder().mimetype(media.mimeType()).duration(facts.seconds())
                    .waveform(facts.waveform()).voiceMessage(media.kind() == io.kubezap.session.engine.MediaKind.VOICE)
                    .contextInfo(fullContext).build().setDecodedMedia(standIn);
            case STICKER -> new StickerMessageBuilder().mimetype(media.mimeType()).width(facts.width())
                    .height(facts.height()).animated(Boolean.TRUE.equals(facts.animated())).contextInfo(fullContext)
                    .build().setDecodedMedia(standIn);
            // the full builder: the simple one insists on "name.ext" and has no caption
            case DOCUMENT -> new DocumentMessageBuilder().mimetype(media.mimeType()).fileName(media.fileName())
                    .title(media.fileName()).caption(media.caption()).pageCount(1)
                    .contextInfo(fullContext).build().setDecodedMedia(standIn);
        };
    }

    /**
     * The message as Cobalt's {@code sendChatMessage} wraps it (pending, device-list metadata for user chats), but with
     * the adapter's own id.
     */
    static ChatMessageInfo info(Whatsapp client, Jid chat, MessageContainer message, String id) {
        var self = client.store().jid().orElseThrow(() -> new IllegalStateException("not logged in"));
        var deviceInfo = chat.hasServer(JidServer.whatsapp()) ? new DeviceContextInfoBuilder()
                .deviceListMetadataVersion(2)
                .deviceListMetadata(new DeviceListMetadataBuilder().senderTimestamp(Clock.nowSeconds()).build())
                .build() : null;
        var key = new ChatMessageKeyBuilder().id(id).chatJid(chat).fromMe(true).senderJid(self).build();
        return new ChatMessageInfoBuilder()
                .status(MessageStatus.PENDING)
                .senderJid(self)
                .key(key)
                .message(message.withDeviceInfo(keepingWhatItCarries(deviceInfo, message)))
                .timestampSeconds(Clock.nowSeconds())
                .broadcast(chat.hasServer(JidServer.broadcast()))
                .build();
    }

    /**
     * {@code deviceInfo} with the secret and the association {@code message} carries (an event's, an album's), which a
     * new context would drop.
     */
    private static DeviceContextInfo keepingWhatItCarries(DeviceContextInfo deviceInfo, MessageContainer message) {
        var carried = message.deviceInfo();
        if (carried.isEmpty()) {
            return deviceInfo;
        }
        var kept = new DeviceContextInfoBuilder()
                .messageSecret(carried.get().messageSecret().orElse(null))
                .messageAssociation(carried.get().messageAssociation().orElse(null));
        if (deviceInfo != null) {
            kept.deviceListMetadataVersion(deviceInfo.deviceListMetadataVersion())
                    .deviceListMetadata(deviceInfo.deviceListMetadata().orElse(null));
        }
        return kept.build();
    }

    private static ContextInfo context(OutgoingMessage outgoing, Store store) {
        var hasQuote = outgoing.quotedMessageId() != null && !outgoing.quotedMessageId().isBlank();
        var forwarded = outgoing.traits().forwarded();
        var expiration = outgoing.traits().ephemeralExpiration();
        if (!hasQuote && outgoing.mentions().isEmpty() && !forwarded && expiration == null) {
            return null;
        }
        var chat = jid(outgoing.chatJid());
        var context = new ContextInfoBuilder()
                .mentions(outgoing.mentions().stream().map(OutgoingMessageBuilder::jid).toList());
        if (expiration != null) {
            // as WhatsApp's apps send it in a chat with disappearing messages: the chat's timer in the message's context
            context.ephemeralExpiration(expiration);
        }
        if (forwarded) {
            context.forwarded(true).forwardingScore(Math.max(1, outgoing.traits().forwardingScore()));
        }
        if (hasQuote) {
            context.quotedMessageId(outgoing.quotedMessageId()).quotedMessageChatJid(chat);
            store.findMessageById(chat, outgoing.quotedMessageId())
                    .filter(MessageInfo.class::isInstance)
                    .map(MessageInfo.class::cast)
                    .ifPresent(quoted -> context
                            .quotedMessageSenderJid(quoted.senderJid())
                            .quotedMessage(quoted.message()));
        }
        return context.build();
    }

    /**
     * The jid as Cobalt's node decoder builds it. Cobalt 0.0.10's text parser gives {@code s.whatsapp.net} a server
     * of type UNKNOWN (its 14-character check sits under {@code case 13}): equal to the decoder's, but with another
     * hash. The store keys chats by jid, so a message sent to such a jid lands in a twin chat, apart from the
     * conversation's received messages, where Cobalt's own receipt handling and quote lookups never find it.
     */
    static Jid jid(String text) {
        var parsed = Jid.of(text);
        return parsed.withServer(JidServer.of(parsed.server().address()));
    }
}
