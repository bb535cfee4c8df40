package it.auties.whatsapp.model.button.interactive;

import it.auties.protobuf.annotation.ProtobufBuilder;
import it.auties.protobuf.annotation.ProtobufMessage;
import it.auties.protobuf.annotation.ProtobufProperty;
import it.auties.protobuf.model.ProtobufType;
import it.auties.whatsapp.model.message.standard.DocumentMessage;
import it.auties.whatsapp.model.message.standard.ImageMessage;
import it.auties.whatsapp.model.message.standard.VideoOrGifMessage;

import java.util.Objects;
import java.util.Optional;

/**
 * Replaces Cobalt 0.0.10's header of an interactive message ({@code Message.InteractiveMessage.Header}; same package,
 * name and public signatures; its generated spec and builders come from this one). Cobalt's refuses a header without a
 * title, which WhatsApp leaves optional (a carousel card or buttons over a picture alone): such a header could only go
 * with an empty title, and a received one failed to decode whole. Here a missing title is left off the wire.
 */
@ProtobufMessage(name = "Message.InteractiveMessage.Header")
public final class InteractiveHeader {
    @ProtobufProperty(index = 1, type = ProtobufType.STRING)
    final String title;

    @ProtobufProperty(index = 2, type = ProtobufType.STRING)
    final String subtitle;

    @ProtobufProperty(index = 3, type = ProtobufType.MESSAGE)
    final DocumentMessage attachmentDocument;

    @ProtobufProperty(index = 4, type = ProtobufType.MESSAGE)
    final ImageMessage attachmentImage;

    @ProtobufProperty(index = 5, type = ProtobufType.BOOL)
    final boolean mediaAttachment;

    @ProtobufProperty(index = 6, type = ProtobufType.BYTES)
    final InteractiveHeaderThumbnail attachmentThumbnail;

    @ProtobufProperty(index = 7, type = ProtobufType.MESSAGE)
    final VideoOrGifMessage attachmentVideo;

    InteractiveHeader(String title, String subtitle, DocumentMessage attachmentDocument, ImageMessage attachmentImage,
                      boolean mediaAttachment, InteractiveHeaderThumbnail attachmentThumbnail, VideoOrGifMessage attachmentVideo) {
        this.title = title;
        this.subtitle = subtitle;
        this.attachmentDocument = attachmentDocument;
        this.attachmentImage = attachmentImage;
        this.mediaAttachment = mediaAttachment;
        this.attachmentThumbnail = attachmentThumbnail;
        this.attachmentVideo = attachmentVideo;
    }

    @ProtobufBuilder(className = "InteractiveHeaderSimpleBuilder")
    static InteractiveHeader simpleBuilder(String title, String subtitle, InteractiveHeaderAttachment attachment) {
        var builder = new InteractiveHeaderBuilder().title(title).subtitle(subtitle).mediaAttachment(attachment != null);
        switch (attachment) {
            case DocumentMessage document -> builder.attachmentDocument(document);
            case ImageMessage image -> builder.attachmentImage(image);
            case InteractiveHeaderThumbnail thumbnail -> builder.attachmentThumbnail(thumbnail);
            case VideoOrGifMessage video -> builder.attachmentVideo(video);
            case null -> {
            }
        }
        return builder.build();
    }

    /** The header's title, or null when it has none. */
    public String title() {
        return title;
    }

    public Optional<String> subtitle() {
        return Optional.ofNullable(subtitle);
    }

    public Optional<DocumentMessage> attachmentDocument() {
        return Optional.ofNullable(attachmentDocument);
    }

    public Optional<ImageMessage> attachmentImage() {
        return Optional.ofNullable(attachmentImage);
    }

    public boolean mediaAttachment() {
        return mediaAttachment;
    }

    public Optional<InteractiveHeaderThumbnail> attachmentThumbnail() {
        return Optional.ofNullable(attachmentThumbnail);
    }

    public Optional<VideoOrGifMessage> attachmentVideo() {
        return Optional.ofNullable(attachmentVideo);
    }

    public InteractiveHeaderAttachment.Type attachmentType() {
        return attachment().map(InteractiveHeaderAttachment::interactiveHeaderType).orElse(InteractiveHeaderAttachment.Type.NONE);
    }

    /** The attachment, looked for as Cobalt does: document, image, thumbnail, video. */
    public Optional<? extends InteractiveHeaderAttachment> attachment() {
        if (attachmentDocument != null) {
            return Optional.of(attachmentDocument);
        }
        if (attachmentImage != null) {
            return Optional.of(attachmentImage);
        }
        if (attachmentThumbnail != null) {
            return Optional.of(attachmentThumbnail);
        }
        return Optional.ofNullable(attachmentVideo);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InteractiveHeader that && Objects.equals(title, that.title) && Objects.equals(subtitle, that.subtitle)
                && Objects.equals(attachmentDocument, that.attachmentDocument) && Objects.equals(attachmentImage, that.attachmentImage)
                && mediaAttachment == that.mediaAttachment && Objects.equals(attachmentThumbnail, that.attachmentThumbnail)
                && Objects.equals(attachmentVideo, that.attachmentVideo);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, subtitle, attachmentDocument, attachmentImage, mediaAttachment, attachmentThumbnail, attachmentVideo);
    }

    @Override
    public String toString() {
        return "InteractiveHeader[title=" + title + ", subtitle=" + subtitle + ", attachmentDocument=" + attachmentDocument
                + ", attachmentImage=" + attachmentImage + ", mediaAttachment=" + mediaAttachment + ", attachmentThumbnail="
                + attachmentThumbnail + ", attachmentVideo=" + attachmentVideo + ']';
    }
}
