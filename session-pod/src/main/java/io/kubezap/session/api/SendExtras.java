package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.engine.LinkPreview;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageTraits;
import io.kubezap.session.message.SendCommand;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of {@code POST /messages} that say how a message goes out rather than what it holds: pacing (delay and
 * typing), the caller's metadata, mention-all, view once, HD and link previews, each checked against its bounds.
 */
final class SendExtras {

    static final int MAX_DELAY_MS = 30_000;
    static final int MAX_METADATA_PAIRS = 16;
    static final int MAX_METADATA_KEY = 64;
    static final int MAX_METADATA_VALUE = 1024;
    static final int MAX_THUMBNAIL_BYTES = 64 * 1024;
    private static final Pattern LINK = Pattern.compile("https?://[^\\s<>\"]+", Pattern.CASE_INSENSITIVE);

    /** What the request asked for; {@code generateFrom}: the link whose page a preview is to be made from. */
    record Extras(boolean mentionAll, Map<String, String> metadata, MessageTraits traits, SendCommand.Pacing pacing,
                  String generateFrom) {

        SendCommand applyTo(SendCommand command) {
            return command.with(mentionAll, metadata, traits, pacing);
        }
    }

    private SendExtras() {
    }

    static Extras of(SendMessageRequest request, String type, String to, List<FieldError> errors) {
        boolean mentionAll = Boolean.TRUE.equals(request.mentionAll());
        if (mentionAll && to != null && !to.endsWith("@g.us")) {
            errors.add(new FieldError("mentionAll", "mentions every member of a group: 'to' must be a group"));
        }
        if (mentionAll && request.mentions() != null && !request.mentions().isEmpty()) {
            errors.add(new FieldError("mentionAll", "give either mentions or mentionAll, not both"));
        }
        boolean viewOnce = Boolean.TRUE.equals(request.viewOnce());
        if (viewOnce && !viewOnceKind(type)) {
            errors.add(new FieldError("viewOnce", "only an image, a video, an audio or a voice note can be view once"));
        }
        boolean hd = Boolean.TRUE.equals(request.hd());
        if (hd && !hdKind(type)) {
            errors.add(new FieldError("hd", "only a photo (image) or a video is sent in HD"));
        } else if (hd && viewOnce) {
            errors.add(new FieldError("hd", "a view-once photo or video is sent once, not in HD: give hd or viewOnce"));
        }
        LinkPreview preview = preview(request, type, errors);
        String generateFrom = null;
        if (Boolean.TRUE.equals(request.linkPreview())) {
            if (preview != null) {
                errors.add(new FieldError("linkPreview", "give either a preview or linkPreview: true, not both"));
            }
            generateFrom = firstLink(request.text()).orElse(null);
            if (!"text".equals(type) || generateFrom == null) {
                errors.add(new FieldError("linkPreview", "a preview is made for a text that holds an http(s) link"));
            }
        }
        MessageTraits traits = new MessageTraits(false, 0, viewOnce, preview).inHd(hd);
        return new Extras(mentionAll, metadata(request.metadata(), errors), traits, pacing(request, errors), generateFrom);
    }

    private static boolean viewOnceKind(String type) {
        return MediaKind.fromWire(type).filter(kind -> kind == MediaKind.IMAGE || kind == MediaKind.VIDEO
                || kind == MediaKind.AUDIO || kind == MediaKind.VOICE).isPresent();
    }

    private static boolean hdKind(String type) {
        return MediaKind.fromWire(type).filter(kind -> kind == MediaKind.IMAGE || kind == MediaKind.VIDEO).isPresent();
    }

    private static SendCommand.Pacing pacing(SendMessageRequest request, List<FieldError> errors) {
        int delay = request.delayMs() == null ? 0 : request.delayMs();
        if (delay < 0 || delay > MAX_DELAY_MS) {
            errors.add(new FieldError("delayMs", "must be between 0 and " + MAX_DELAY_MS + " (milliseconds)"));
            return SendCommand.Pacing.NONE;
        }
        if (Boolean.TRUE.equals(request.typing()) && delay == 0) {
            errors.add(new FieldError("typing", "shows typing for delayMs: give a delayMs above 0"));
        }
        return new SendCommand.Pacing(delay, delay > 0 && !Boolean.FALSE.equals(request.typing()));
    }

    static Map<String, String> metadata(Map<String, Object> given, List<FieldError> errors) {
        if (given == null) {
            return Map.of();
        }
        if (given.size() > MAX_METADATA_PAIRS) {
            errors.add(new FieldError("metadata", "at most " + MAX_METADATA_PAIRS + " pairs"));
            return Map.of();
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        given.forEach((key, value) -> {
            String field = "metadata." + key;
            if (key.isEmpty() || key.length() > MAX_METADATA_KEY) {
                errors.add(new FieldError(field, "a key has 1 to " + MAX_METADATA_KEY + " characters"));
            } else if (!(value instanceof String text)) {
                errors.add(new FieldError(field, "must be a string"));
            } else if (text.length() > MAX_METADATA_VALUE) {
                errors.add(new FieldError(field, "must be at most " + MAX_METADATA_VALUE + " characters"));
            } else {
                pairs.put(key, text);
            }
        });
        return pairs;
    }

    private static LinkPreview preview(SendMessageRequest request, String type, List<FieldError> errors) {
        var given = request.preview();
        if (given == null) {
            return null;
        }
        if (!"text".equals(type)) {
            errors.add(new FieldError("preview", "a link preview goes with a text"));
            return null;
        }
        if (given.url() == null || given.url().isBlank() || !LINK.matcher(given.url().strip()).matches()) {
            errors.add(new FieldError("preview.url", "must be an http(s) link"));
            return null;
        }
        String url = given.url().strip();
        if (request.text() == null || !request.text().contains(url)) {
            errors.add(new FieldError("preview.url", "must appear in the text, as WhatsApp shows the card under it"));
        }
        if (given.thumbnail() != null && !thumbnailFits(given.thumbnail())) {
            errors.add(new FieldError("preview.thumbnail", "must be base64 of at most " + MAX_THUMBNAIL_BYTES + " bytes"));
        }
        return new LinkPreview(url, url, blankToNull(given.title()), blankToNull(given.description()), blankToNull(given.thumbnail()));
    }

    private static boolean thumbnailFits(String base64) {
        try {
            return Base64.getDecoder().decode(base64).length <= MAX_THUMBNAIL_BYTES;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    static Optional<String> firstLink(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher link = LINK.matcher(text);
        return link.find() ? Optional.of(link.group()) : Optional.empty();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
