package io.kubezap.session.api;

import io.kubezap.contract.Problem.FieldError;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.engine.MediaKind;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.StatusPost;
import io.kubezap.session.engine.WhatsAppEngine;
import io.kubezap.session.jid.Addresses;
import io.kubezap.session.message.SendCommand;
import io.kubezap.session.problem.ApiException;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code POST /albums} and turns it into the album's first message and one media send per item. Every field is
 * checked before any file is stored, so a refused album stores nothing; each item is then taken as {@code POST /messages}
 * takes a photo or video.
 */
@Singleton
public class AlbumRequests {

    /** What WhatsApp's apps put in one album. */
    static final int MIN_ITEMS = 2;
    static final int MAX_ITEMS = 30;
    private static final Set<MediaKind> KINDS = Set.of(MediaKind.IMAGE, MediaKind.VIDEO);

    private final SendRequests requests;
    private final WhatsAppEngine engine;

    public AlbumRequests(SendRequests requests, WhatsAppEngine engine) {
        this.requests = requests;
        this.engine = engine;
    }

    /** The album's first message and its items, in order. */
    public record Album(SendCommand first, List<SendCommand> items) {
    }

    public Album of(MessageAlbumResource.SendAlbumRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "is required: {chatId, items: [{type, media, caption?}]}");
        }
        BodyConstraints.check(request);
        List<FieldError> errors = new ArrayList<>();
        String chat = chat(request.chatId(), errors);
        List<MessageAlbumResource.AlbumItem> items = request.items() == null ? List.of() : request.items();
        if (items.size() < MIN_ITEMS || items.size() > MAX_ITEMS) {
            errors.add(new FieldError("items", "an album has " + MIN_ITEMS + " to " + MAX_ITEMS + " photos and videos, got " + items.size()));
        }
        int images = 0;
        for (int i = 0; i < items.size(); i++) {
            images += item("items[" + i + "]", items.get(i), errors) == MediaKind.IMAGE ? 1 : 0;
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        var first = new MessageContent.Album(images, items.size() - images);
        // an engine that cannot send albums answers now (501), before any file is stored
        engine.refusal(first).ifPresent(refused -> {
            throw EngineCalls.unsupported(refused);
        });
        List<SendCommand> sends = items.stream().map(item -> requests.fromJson(SendMessageRequest.post(item.type(), chat, null,
                item.media(), item.mimeType(), item.caption(), null, null, null))).toList();
        return new Album(new SendCommand(chat, first, null, null, List.of()), sends);
    }

    private static String chat(String chatId, List<FieldError> errors) {
        if (chatId == null || chatId.isBlank()) {
            errors.add(new FieldError("chatId", "must not be blank: the chat (phone number or JID) the album goes to"));
            return null;
        }
        try {
            String jid = Addresses.parseCanonical(chatId);
            if (StatusPost.isStatus(jid)) {
                errors.add(new FieldError("chatId", "an album goes to a chat, not to the status"));
            }
            return jid;
        } catch (IllegalArgumentException bad) {
            errors.add(new FieldError("chatId", bad.getMessage()));
            return null;
        }
    }

    /** The item's kind (null when it is none an album takes), with what is wrong with it added to {@code errors}. */
    private static MediaKind item(String field, MessageAlbumResource.AlbumItem item, List<FieldError> errors) {
        if (item == null) {
            errors.add(new FieldError(field, "must not be null"));
            return null;
        }
        MediaKind kind = item.type() == null ? null : MediaKind.fromWire(item.type()).filter(KINDS::contains).orElse(null);
        if (kind == null) {
            errors.add(new FieldError(field + ".type", "an album holds photos and videos only: image or video, got " + item.type()));
        }
        var media = item.media();
        boolean hasUrl = media != null && media.url() != null && !media.url().isBlank();
        boolean hasData = media != null && media.data() != null && !media.data().isEmpty();
        if (hasUrl == hasData) {
            errors.add(new FieldError(field + ".media", "give exactly one of media.url or media.data (base64)"));
        }
        return kind;
    }
}
