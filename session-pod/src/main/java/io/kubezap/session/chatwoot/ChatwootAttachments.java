package io.kubezap.session.chatwoot;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.media.MediaIntake;
import io.kubezap.session.message.MediaAttachment;
import io.kubezap.session.message.SendCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an agent's Chatwoot message becomes on WhatsApp: each attachment Chatwoot lists ({@code data_url},
 * {@code file_type}) a media message of its kind (an image, audio, video, or any other file a document), taken by URL
 * as {@code POST /messages} takes one (where it points checked by the pod's egress rules now, fetched, redirects
 * checked again, and checked for its kind when it is sent); the text the caption of the first, or a text of its own
 * before it when that kind shows no caption (audio). An attachment of no file kind (a location, a contact card) stays
 * a link in the text. The quote goes with the first message.
 */
final class ChatwootAttachments {

    private final MediaIntake intake;

    ChatwootAttachments(MediaIntake intake) {
        this.intake = intake;
    }

    List<SendCommand> sends(String chat, String content, String quoted, JsonNode attachments) {
        StringBuilder text = new StringBuilder(content == null ? "" : content);
        List<Attachment> files = new ArrayList<>();
        for (JsonNode attachment : attachments) {
            String url = attachment.path("data_url").asText("");
            Optional<MediaKind> kind = kind(attachment.path("file_type").asText(""));
            if (url.isBlank()) {
                continue;
            }
            if (kind.isPresent()) {
                files.add(new Attachment(kind.get(), url));
            } else {
                text.append(text.isEmpty() ? "" : "\n").append(url);
            }
        }
        List<SendCommand> sends = new ArrayList<>();
        String caption = text.toString().isBlank() ? null : text.toString();
        if (files.isEmpty() || caption != null && !showsCaption(files.getFirst().kind())) {
            sends.add(SendCommand.text(chat, text.toString(), quoted, List.of()));
            caption = null;
        }
        for (Attachment file : files) {
            MediaAttachment media = intake.fromUrl(new MediaIntake.Declared(file.kind(), null, null, caption), file.url());
            sends.add(new SendCommand(chat, media.content(), media.source(), sends.isEmpty() ? quoted : null, List.of()));
            caption = null;
        }
        return sends;
    }

    private record Attachment(MediaKind kind, String url) {
    }

    /** Chatwoot's {@code file_type}s that are files; the others (location, contact, fallback…) are not. */
    static Optional<MediaKind> kind(String fileType) {
        return Optional.ofNullable(FILE_TYPES.get(fileType));
    }

    // Chatwoot's vocabulary, not kubezap's message types (those are switched on by kind, not by string)
    private static final java.util.Map<String, MediaKind> FILE_TYPES = java.util.Map.of(
            "image", MediaKind.IMAGE, "audio", MediaKind.AUDIO, "video", MediaKind.VIDEO, "file", MediaKind.DOCUMENT);

    private static boolean showsCaption(MediaKind kind) {
        return kind == MediaKind.IMAGE || kind == MediaKind.VIDEO || kind == MediaKind.DOCUMENT;
    }
}
