package io.kubezap.session.message;

import io.kubezap.session.chat.ChatEntry;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.kubezap.session.db.StorableText;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.kubezap.session.address.Address;

import io.kubezap.session.engine.MessageTraits;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stored message, incoming or outgoing. {@code id} is ours; {@code waMessageId} is WhatsApp's, once known.
 * {@code text} is what the message shows (a text, a media's caption, a place's or a poll's name); {@code media} is null
 * unless it has a file; {@code rawText}, only when the text held characters PostgreSQL cannot store (NUL, shown as U+FFFD
 * in {@code text}), is the text as it came: base64 of its UTF-8 bytes; {@code content} holds a location, contact cards or a poll. {@code origin} says where an
 * outgoing message was written: {@code api} (this pod) or {@code phone} (another of the account's devices).
 * A message deleted for everyone keeps its content, with {@code deletedAt} and {@code deletedBy}. {@code jid},
 * {@code lid} and {@code phoneNumber} name the person it is with (see {@link #person}), in both forms when known.
 * {@code metadata} holds the key/value pairs the caller sent with an outgoing message (echoed in its events);
 * {@code forwarded}, {@code viewOnce} and {@code linkPreview} are what WhatsApp shows about it ({@link MessageTraits}).
 * {@code history} (shown only when true): the message came with the phone's history sync, not live.
 */
public record Message(String id, String waMessageId, String chat, String from, String pushName, Direction direction,
                      String origin, String type, String text,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String rawText, MediaInfo media, @JsonUnwrapped MessageBody content,
                      String quotedMessageId, List<String> mentions, List<Reaction> reactions, MessageStatus status,
                      String failureReason, Instant editedAt, Instant deletedAt, String deletedBy, Instant createdAt,
                      Instant updatedAt, @JsonUnwrapped Address address,
                      @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> metadata,
                      @JsonUnwrapped MessageTraits traits,
                      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean history) {

    public static final String FROM_API = "api";
    public static final String FROM_PHONE = "phone";

    public Message {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        reactions = reactions == null ? List.of() : List.copyOf(reactions);
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        traits = traits == null ? MessageTraits.NONE : traits;
    }

    /** A message as first stored: not yet reacted to, edited or deleted. */
    public static Message fresh(String id, String waMessageId, String chat, String from, String pushName,
                                Direction direction, String origin, String type, String text, MediaInfo media,
                                MessageBody content, String quotedMessageId, List<String> mentions,
                                MessageStatus status, Instant createdAt, Instant updatedAt) {
        return new Message(id, waMessageId, chat, from, pushName, direction, origin, type, text, StorableText.asSent(text),
                media, content, quotedMessageId, mentions, List.of(), status, null, null, null, null, createdAt, updatedAt,
                Address.of(person(chat, from), null, null), Map.of(), MessageTraits.NONE, false);
    }

    /**
     * The person a message is with: in a group its sender, else the chat. {@code jid}, {@code lid} and
     * {@code phoneNumber} in the JSON are that person's.
     */
    public static String person(String chat, String from) {
        return chat != null && chat.endsWith("@g.us") ? from : chat;
    }

    public Message withAddress(Address known) {
        return new Message(id, waMessageId, chat, from, pushName, direction, origin, type, text, rawText, media, content,
                quotedMessageId, mentions, reactions, status, failureReason, editedAt, deletedAt, deletedBy, createdAt,
                updatedAt, known, metadata, traits, history);
    }

    /** This message with the caller's metadata and what WhatsApp shows about it. */
    public Message withExtras(Map<String, String> newMetadata, MessageTraits newTraits) {
        return new Message(id, waMessageId, chat, from, pushName, direction, origin, type, text, rawText, media, content,
                quotedMessageId, mentions, reactions, status, failureReason, editedAt, deletedAt, deletedBy, createdAt,
                updatedAt, address, newMetadata, newTraits, history);
    }

    /** This message as one of the phone's history ({@code past}), which arrived with a history sync, not live. */
    public Message asHistory(boolean past) {
        return new Message(id, waMessageId, chat, from, pushName, direction, origin, type, text, rawText, media, content,
                quotedMessageId, mentions, reactions, status, failureReason, editedAt, deletedAt, deletedBy, createdAt,
                updatedAt, address, metadata, traits, past);
    }

    /** In a group, the member that wrote the message ({@code from}); null in a one-to-one chat. */
    @JsonProperty("participant")
    public String participant() {
        return chat != null && chat.endsWith("@g.us") ? from : null;
    }

    /** What the chat's row counts and shows of this message. */
    public ChatEntry asChatEntry() {
        return new ChatEntry(chat, id, createdAt, type, text, fromMe());
    }

    public boolean fromMe() {
        return direction == Direction.OUT;
    }
}
