package io.kubezap.session.api;

import io.kubezap.session.engine.MessageContent;
import jakarta.validation.Valid;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /messages}: to {@code to} (phone number or JID) a text ({@code type} "text" or absent, {@code text}),
 * a file ({@code type} image, video, audio, voice, document or sticker; {@code media} with {@code url} or base64
 * {@code data}; optional {@code mimeType}, {@code fileName}, {@code caption}), a {@code location}, {@code contacts},
 * a {@code poll} (with the {@code type} of the same name), an {@code event} or a {@code groupInvite} (type {@code group_invite}); optionally quoting a message and mentioning people
 * ({@code mentionAll}: every member of the group). Sending like a person: {@code delayMs} (0–30000) before it goes out,
 * showing {@code typing} (recording for a voice note; on by default with a delay). {@code metadata}: up to 16 string
 * pairs stored with the message and echoed in its events. {@code viewOnce} for images, videos and audio; for a text,
 * {@code preview} (a link card given by the caller) or {@code linkPreview: true} (the card made from the page).
 * {@code convert} (a voice note or video sent with the request; WAHA's name): absent, converted only when it would not
 * play; true, always re-encoded; false, sent as given (docs/media.md). {@code hd} (a photo or video; WhatsApp's "HD"):
 * sent twice as WhatsApp's apps send it, a standard-quality copy and the file as given, one message here.
 */
// named for what it is in the API document: generated clients name sendMessage's own parameters SendMessageRequest
@Schema(name = "OutgoingMessage")
public record SendMessageRequest(String type,
                                 @NotBlank String to,
                                 @Size(max = 65536) String text,
                                 @Valid MediaSource media,
                                 @Size(max = 255) String mimeType,
                                 @Size(max = 255) String fileName,
                                 @Size(max = 4096) String caption,
                                 String quotedMessageId,
                                 @Size(max = 256) List<String> mentions,
                                 @Valid LocationRequest location,
                                 @Size(max = 50) @Valid List<ContactRequest> contacts,
                                 @Valid PollRequest poll,
                                 @Valid GroupInviteRequest groupInvite,
                                 Boolean mentionAll,
                                 Integer delayMs,
                                 Boolean typing,
                                 Map<String, Object> metadata,
                                 Boolean viewOnce,
                                 @Valid PreviewRequest preview,
                                 Boolean linkPreview,
                                 @Schema(description = "Voice notes and videos (media.data or media.url): absent, converted only when it"
                                         + " would not play on WhatsApp; true, always re-encoded; false, sent as given") Boolean convert,
                                 @Valid EventRequest event,
                                 @Schema(description = "A photo or video sent in HD, as WhatsApp's apps do: a standard-quality copy"
                                         + " (a photo at most 1600 pixels a side, a video at most 848), and the file as given"
                                         + " associated to it, shown with its HD badge; one message here, marked hd") Boolean hd) {

    /**
     * A send that other posts are made of (a status, a channel's post): only the fields they take, every other one
     * absent, so a kind added to this request touches no caller.
     */
    static SendMessageRequest post(String type, String to, String text, MediaSource media, String mimeType, String caption,
                                   LocationRequest location, PollRequest poll, Map<String, Object> metadata) {
        return new SendMessageRequest(type, to, text, media, mimeType, null, caption, null, null, location, null, poll, null,
                null, null, null, metadata, null, null, null, null, null, null);
    }

    /** A calendar event to {@code to}, quoting {@code quotedMessageId} ({@code POST /events}). */
    static SendMessageRequest event(String to, String quotedMessageId, EventRequest event) {
        return new SendMessageRequest(MessageContent.Event.TYPE, to, null, null, null, null, null, quotedMessageId, null, null,
                null, null, null, null, null, null, null, null, null, null, null, event, null);
    }

    /**
     * A link's preview card: {@code url} (as it appears in the text), optional {@code title}, {@code description} and
     * {@code thumbnail} (base64 JPEG, at most 64 KiB).
     */
    public record PreviewRequest(@Size(max = 2048) String url, @Size(max = 512) String title,
                                 @Size(max = 2048) String description, @Size(max = 90000) String thumbnail) {
    }

    /** A place: latitude −90…90 and longitude −180…180 (degrees), with an optional name and address. */
    public record LocationRequest(Double latitude, Double longitude, @Size(max = 1024) String name,
                                  @Size(max = 1024) String address) {
    }

    /** A contact card: its name and numbers (a vCard is built from them), or a whole {@code vcard}. */
    public record ContactRequest(@Size(max = 255) String fullName, @Size(max = 20) List<String> phoneNumbers,
                                 @Size(max = 65536) String vcard) {
    }

    /** A poll: 2 to 12 distinct options; {@code selectableCount} how many one voter may pick (0: any; default 1). */
    public record PollRequest(@Size(max = 255) String name, List<String> options, Integer selectableCount) {
    }

    /**
     * An invitation to join a group: its JID ({@code groupJid}, {@code …@g.us}) and invite code (as
     * {@code GET /groups/{group}/invite} gives it), when it lapses ({@code expiresAt}; default: 3 days after sending,
     * as WhatsApp's own invitations), and the group's name and a text shown on the card.
     */
    public record GroupInviteRequest(String groupJid, @Size(max = 64) String inviteCode, Instant expiresAt,
                                     @Size(max = 255) String groupName, @Size(max = 1024) String caption) {
    }

    /**
     * A calendar event (WAHA's {@code event}): its {@code name}, {@code description}, {@code startTime} and
     * {@code endTime} (epoch seconds; the end optional, after the start), {@code location} ({@code {name}}), a WhatsApp
     * call link ({@code joinLink}, {@code https://call.whatsapp.com/voice/…} or {@code /video/…}) and whether guests may
     * bring others ({@code extraGuestsAllowed}). In an edit ({@code PATCH /events/{id}}) an absent field keeps its value.
     */
    public record EventRequest(@Size(max = 255) String name, @Size(max = 2048) String description, Long startTime,
                               Long endTime, MessageContent.Event.EventPlace location, @Size(max = 255) String joinLink,
                               Boolean extraGuestsAllowed) {
    }

    /** Where a file comes from: exactly one of a URL or base64 data. */
    public record MediaSource(@Size(max = 4096) String url, String data) {
    }
}
