package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.EngineEvent;
import io.kubezap.session.engine.MediaFacts;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import it.auties.whatsapp.model.info.ChatMessageInfo;
import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.info.MessageInfo;
import it.auties.whatsapp.model.jid.Jid;
import it.auties.whatsapp.model.message.model.ContextualMessage;
import it.auties.whatsapp.model.message.model.MediaMessage;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.standard.AudioMessage;
import it.auties.whatsapp.model.message.standard.DocumentMessage;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.StickerMessage;
import it.auties.whatsapp.model.message.standard.VideoOrGifMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Maps Cobalt's messages to the port's types. */
final class IncomingMessageMapper {

    private static final Set<Message.Type> NOT_USER_MESSAGES =
            EnumSet.of(Message.Type.EMPTY, Message.Type.PROTOCOL, Message.Type.SENDER_KEY_DISTRIBUTION);

    private IncomingMessageMapper() {
    }

    /**
     * A message to announce: one someone else wrote, or a copy of one the account wrote on another device (its phone);
     * not one this device sent itself, an update to another message, protocol traffic or a group stub.
     *
     * @param self this device's own JID (with its device number)
     */
    static Optional<ChatMessageInfo> announced(MessageInfo<?> message, Jid self) {
        return message instanceof ChatMessageInfo chat && isUserMessage(chat)
                && !(chat.fromMe() && chat.senderJid().equals(self)) ? Optional.of(chat) : Optional.empty();
    }

    /** A message someone wrote: not protocol traffic, a group stub or an update to another message. */
    static boolean isUserMessage(ChatMessageInfo chat) {
        var written = !NOT_USER_MESSAGES.contains(chat.message().type()) || chat.message().eventMessage().isPresent()
                || chat.message().albumMessage().isPresent();
        return chat.stubType().isEmpty() && written && !IncomingUpdates.isUpdate(chat);
    }

    static EngineEvent.IncomingMessage from(ChatMessageInfo info, Instant receivedAt) {
        var context = info.message().contentWithContext().flatMap(ContextualMessage::contextInfo);
        var mentions = context.map(found -> found.mentions().stream().map(Jid::toString).toList()).orElse(List.of());
        // the quoted id alone is enough: Cobalt's quotedMessage() is empty unless the quoted content came along
        var quotedId = context.flatMap(ContextInfo::quotedMessageId).orElse(null);
        var timestamp = info.timestampSeconds().isPresent()
                ? Instant.ofEpochSecond(info.timestampSeconds().getAsLong())
                : receivedAt;
        return new EngineEvent.IncomingMessage(
                info.id(),
                info.chatJid().toString(),
                info.senderJid().toString(),
                info.pushName().orElse(null),
                info.message().eventMessage().<MessageContent>map(CalendarEvents::read)
                        .or(() -> info.message().albumMessage().map(Albums::read))
                        .orElseGet(() -> content(info.message().content())),
                quotedId,
                mentions,
                timestamp,
                info.fromMe(),
                IncomingTraits.of(info.message(), context),
                CobaltRawMessages.of(info));
    }

    static MessageContent content(Message content) {
        return switch (content) {
            case TextMessage text -> new MessageContent.Text(text.text());
            case ImageMessage image -> media(MediaKind.IMAGE, image, image.mimetype(), null, image.caption(),
                    new MediaFacts(null, null, number(image.width()), number(image.height()), image.thumbnail().orElse(null), null, null));
            case VideoOrGifMessage video -> media(MediaKind.VIDEO, video, video.mimetype(), null, video.caption(),
                    new MediaFacts(number(video.duration()), null, number(video.width()), number(video.height()),
                            video.thumbnail().orElse(null), null, video.gifPlayback() ? Boolean.TRUE : null));
            case AudioMessage audio -> media(audio.voiceMessage() ? MediaKind.VOICE : MediaKind.AUDIO, audio,
                    audio.mimetype(), null, Optional.empty(),
                    new MediaFacts(number(audio.duration()), audio.waveform().orElse(null), null, null, null, null, null));
            case DocumentMessage document -> media(MediaKind.DOCUMENT, document, document.mimetype(),
                    document.fileName().or(document::title).orElse(null), document.caption(), MediaFacts.NONE);
            case StickerMessage sticker -> media(MediaKind.STICKER, sticker, sticker.mimetype(), null, Optional.empty(),
                    new MediaFacts(null, null, number(sticker.width()), number(sticker.height()), null, sticker.animated(), null));
            default -> StructuredMessages.fromCobalt(content).<MessageContent>map(MessageContent.class::cast)
                    .orElseGet(() -> new MessageContent.Other(content.type().name().toLowerCase(Locale.ROOT), null));
        };
    }

    /** {@code facts}: what the sender's app wrote besides the file (its length, size, waveform, thumbnail). */
    private static MessageContent.Media media(MediaKind kind, MediaMessage<?> media, Optional<String> mimeType,
                                              String fileName, Optional<String> caption, MediaFacts facts) {
        return new MessageContent.Media(kind, mimeType.orElse(kind.defaultMimeType()), media.mediaSize().orElse(0),
                media.mediaSha256().map(HexFormat.of()::formatHex).orElse(null), fileName, caption.orElse(null),
                MessageSender.locator(kind, media), facts);
    }

    private static Integer number(java.util.OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }
}
