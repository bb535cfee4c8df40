package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.contract.Jid;
import io.kubezap.session.media.MediaIntake;
import io.kubezap.session.preview.PagePreviews;
import io.kubezap.session.message.MediaAttachment;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.problem.ApiException;
import jakarta.inject.Singleton;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a send request (JSON or multipart form) and turns it into a {@link SendCommand}: the address and mentions
 * as JIDs, the type known, a text for texts and exactly one file for media (stored and checked here, so a refused
 * file answers 400/413/415 with nothing queued).
 */
@Singleton
public class SendRequests {

    private static final String TYPES = "text, " + String.join(", ", ContentRequests.TYPES) + ", "
            + Arrays.stream(MediaKind.values()).map(MediaKind::wire).collect(Collectors.joining(", "));
    private static final int MAX_TEXT = 65536;

    private final MediaIntake intake;
    private final PagePreviews previews;
    private final WhatsAppEngine engine;

    public SendRequests(MediaIntake intake, PagePreviews previews, WhatsAppEngine engine) {
        this.intake = intake;
        this.previews = previews;
        this.engine = engine;
    }

    /** The fields of {@code POST /messages} as {@code multipart/form-data}; the bytes come in the part {@code file}. */
    public record Form(String to, String type, String caption, String mimeType, String fileName, String quotedMessageId,
                       List<String> mentions, FileUpload file, Boolean convert) {
    }

    public SendCommand fromJson(SendMessageRequest request) {
        Addressing addressing = addressing(request.to(), request.mentions());
        String type = request.type() == null ? "text" : request.type();
        SendExtras.Extras extras = SendExtras.of(request, type, addressing.to(), addressing.errors());
        if (extras.traits().hd()) {
            addressing.check();
            engine.hdRefusal().ifPresent(refused -> {
                throw EngineCalls.unsupported(refused);
            });
        }
        SendCommand command = extras.applyTo(plain(request, type, addressing));
        if (extras.generateFrom() == null) {
            return command;
        }
        // a page that cannot be read leaves the text without a card, as WhatsApp's own clients do
        return previews.of(extras.generateFrom())
                .map(preview -> command.with(command.mentionAll(), command.metadata(), command.traits().withLinkPreview(preview),
                        command.pacing()))
                .orElse(command);
    }

    private SendCommand plain(SendMessageRequest request, String type, Addressing addressing) {
        if (type.equals(MessageContent.Text.TYPE)) {
            if (request.media() != null) {
                addressing.errors().add(new FieldError("media", "a text has no media; set type to the kind of file"));
            }
            if (request.text() == null || request.text().isBlank()) {
                addressing.errors().add(new FieldError("text", "must not be blank"));
            }
            addressing.check();
            return SendCommand.text(addressing.to(), request.text(), quoted(request.quotedMessageId()), addressing.mentions());
        }
        if (ContentRequests.TYPES.contains(type)) {
            if (request.media() != null) {
                addressing.errors().add(new FieldError("media", "a " + type + " has no media"));
            }
            MessageContent content = ContentRequests.body(type, request, addressing.errors());
            addressing.check();
            refuseUnsupported((MessageContent.Structured) content);
            return new SendCommand(addressing.to(), content, null, quoted(request.quotedMessageId()), addressing.mentions());
        }
        MediaKind kind = kind(type, addressing.errors());
        if (!addressing.errors().isEmpty() && MediaKind.fromWire(type).isEmpty()) {
            addressing.check(); // an unknown type makes every other media field meaningless
        }
        var source = request.media();
        boolean hasUrl = source != null && source.url() != null && !source.url().isBlank();
        boolean hasData = source != null && source.data() != null && !source.data().isEmpty();
        if (hasUrl == hasData) {
            addressing.errors().add(new FieldError("media", "give exactly one of media.url or media.data (base64)"));
        }
        String caption = caption(kind, request.caption() != null ? request.caption() : request.text(), addressing.errors());
        addressing.check();
        var declared = new MediaIntake.Declared(kind, blankToNull(request.mimeType()), blankToNull(request.fileName()), caption,
                convertOption(kind, request.convert()));
        MediaAttachment media = hasUrl ? intake.fromUrl(declared, source.url().trim()) : intake.fromBase64(declared, source.data());
        return new SendCommand(addressing.to(), media.content(), media.source(), quoted(request.quotedMessageId()),
                addressing.mentions());
    }

    /**
     * A structured kind the API built itself ({@code POST /product}, {@code /buttons}, {@code /lists}) to {@code chatId},
     * quoting {@code quotedMessageId}: the address checked (a bad one named {@code chatId}) and the engine asked, as for
     * {@code POST /messages}.
     */
    public SendCommand structured(String chatId, String quotedMessageId, MessageContent.Structured content) {
        Addressing addressing = addressing("chatId", chatId, List.of());
        addressing.check();
        refuseUnsupported(content);
        return new SendCommand(addressing.to(), content, null, quoted(quotedMessageId), List.of());
    }

    /** A kind the session's engine cannot send at all is answered now (501), not queued to fail. */
    public void refuseUnsupported(MessageContent.Structured content) {
        engine.refusal(content).ifPresent(refused -> {
            throw EngineCalls.unsupported(refused);
        });
    }

    public SendCommand fromForm(Form form) {
        Addressing addressing = addressing(form.to(), form.mentions());
        String type = form.type() == null ? "" : form.type();
        MediaKind kind = kind(type, addressing.errors());
        if (form.file() == null) {
            addressing.errors().add(new FieldError("file", "is required: the file to send, as a form part named 'file'"));
        }
        String caption = caption(kind, form.caption(), addressing.errors());
        addressing.check();
        String fileName = Optional.ofNullable(blankToNull(form.fileName())).orElse(blankToNull(form.file().fileName()));
        String mimeType = Optional.ofNullable(blankToNull(form.mimeType())).orElse(partType(form.file()));
        var declared = new MediaIntake.Declared(kind, mimeType, fileName, caption, convertOption(kind, form.convert()));
        MediaAttachment media = intake.fromFile(declared, form.file().uploadedFile());
        return new SendCommand(addressing.to(), media.content(), media.source(), quoted(form.quotedMessageId()),
                addressing.mentions());
    }

    /** {@code convert} is a voice note's or video's option; on another kind it would do nothing, so it is refused. */
    private static Boolean convertOption(MediaKind kind, Boolean convert) {
        if (convert != null && kind != MediaKind.VOICE && kind != MediaKind.VIDEO) {
            throw ApiException.invalid("convert", "applies to a voice note or a video, not to a " + kind.wire());
        }
        return convert;
    }

    /** A forward's {@code to} as a JID; 400 when it is not an address. */
    public String recipient(String to) {
        Addressing addressing = addressing(to, List.of());
        addressing.check();
        return addressing.to();
    }

    /** The caller's metadata checked against its bounds; 400 naming each bad pair. */
    public Map<String, String> metadata(Map<String, Object> given) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> pairs = SendExtras.metadata(given, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return pairs;
    }

    private static MediaKind kind(String type, List<FieldError> errors) {
        Optional<MediaKind> kind = MediaKind.fromWire(type);
        if (kind.isEmpty()) {
            errors.add(new FieldError("type", "must be one of " + TYPES));
            return MediaKind.DOCUMENT;
        }
        return kind.get();
    }

    private static String caption(MediaKind kind, String caption, List<FieldError> errors) {
        String text = blankToNull(caption);
        if (text != null && (kind == MediaKind.AUDIO || kind == MediaKind.VOICE || kind == MediaKind.STICKER)) {
            errors.add(new FieldError("caption", "WhatsApp shows no caption on a " + kind.wire()));
        }
        if (text != null && text.length() > MAX_TEXT) {
            errors.add(new FieldError("caption", "must be at most " + MAX_TEXT + " characters"));
        }
        return text;
    }

    /** A browser or curl sends {@code application/octet-stream} when it knows nothing: that declares nothing. */
    private static String partType(FileUpload file) {
        String type = blankToNull(file.contentType());
        return type == null || type.startsWith("application/octet-stream") ? null : type;
    }

    private static String quoted(String quotedMessageId) {
        return QueryParams.text(quotedMessageId).orElse(null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private record Addressing(String to, List<String> mentions, List<FieldError> errors) {
        void check() {
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
        }
    }

    private static Addressing addressing(String to, List<String> requested) {
        return addressing("to", to, requested);
    }

    private static Addressing addressing(String field, String to, List<String> requested) {
        List<FieldError> errors = new ArrayList<>();
        if (to == null || to.isBlank()) {
            errors.add(new FieldError(field, "must not be blank"));
        }
        String jid = to == null || to.isBlank() ? null : canonicalOrError(field, to, errors);
        List<String> mentions = new ArrayList<>();
        List<String> given = requested == null ? List.of() : requested;
        for (int i = 0; i < given.size(); i++) {
            mentions.add(jidOrError("mentions[" + i + "]", given.get(i), errors));
        }
        return new Addressing(jid, mentions, errors);
    }

    private static String canonicalOrError(String field, String value, List<FieldError> errors) {
        try {
            return io.kubezap.session.jid.Addresses.parseCanonical(value);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    private static String jidOrError(String field, String value, List<FieldError> errors) {
        try {
            return Jid.parse(value).toString();
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }
}
