package io.kubezap.session.engine.cobalt;

import io.kubezap.session.engine.LinkPreview;
import io.kubezap.session.engine.MessageTraits;
import io.kubezap.session.engine.StatusPost;
import it.auties.whatsapp.model.info.ContextInfo;
import it.auties.whatsapp.model.message.model.Message;
import it.auties.whatsapp.model.message.model.MessageContainer;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.TextMessage;
import it.auties.whatsapp.model.message.standard.VideoOrGifMessage;

import java.util.Base64;
import java.util.Optional;

/** What a received message shows beyond its content: forwarded, view once, a link preview, a text status's look, its album. */
final class IncomingTraits {

    private IncomingTraits() {
    }

    static MessageTraits of(MessageContainer message, Optional<ContextInfo> context) {
        boolean forwarded = context.map(ContextInfo::forwarded).orElse(false);
        int score = context.map(ContextInfo::forwardingScore).orElse(0);
        // Cobalt 0.0.10 unboxes the view-once wrapper on receipt; the media's own flag says it (none on audio in Cobalt)
        boolean viewOnce = message.type() == Message.Type.VIEW_ONCE || switch (message.content()) {
            case ImageMessage image -> image.viewOnce();
            case VideoOrGifMessage video -> video.viewOnce();
            default -> false;
        };
        LinkPreview preview = message.content() instanceof TextMessage text ? preview(text) : null;
        StatusPost look = message.content() instanceof TextMessage text ? look(text) : null;
        int expiration = context.map(ContextInfo::ephemeralExpiration).orElse(0);
        return new MessageTraits(forwarded || score > 0, score, viewOnce, preview, look).expiringAfter(expiration)
                .inAlbum(Albums.albumId(message).orElse(null));
    }

    /** A text status's background colour and font. */
    private static StatusPost look(TextMessage text) {
        if (text.backgroundArgb().isEmpty() && text.font().isEmpty()) {
            return null;
        }
        return new StatusPost(text.backgroundArgb().isPresent() ? StatusPost.color(text.backgroundArgb().getAsInt()) : null,
                text.font().map(font -> font.ordinal()).orElse(null), null);
    }

    private static LinkPreview preview(TextMessage text) {
        if (text.matchedText().isEmpty() && text.canonicalUrl().isEmpty() && text.title().isEmpty()) {
            return null;
        }
        return new LinkPreview(text.matchedText().orElse(null), text.canonicalUrl().orElse(null), text.title().orElse(null),
                text.description().orElse(null), text.thumbnail().map(Base64.getEncoder()::encodeToString).orElse(null));
    }
}
