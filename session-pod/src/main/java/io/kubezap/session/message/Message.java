package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.kubezap.session.address.Address;
import io.kubezap.session.chat.ChatEntry;
import io.kubezap.session.engine.MessageContent;
import io.kubezap.session.engine.MessageTraits;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored message, incoming or outgoing, in three parts: what identifies and addresses it ({@link MessageEnvelope}),
 * what it says ({@link MessagePayload}, its {@link MessageContent} among it) and where it stands
 * ({@link MessageDelivery}). Its JSON is the three parts' fields side by side, as the API has always shown them.
 */
public record Message(@JsonUnwrapped MessageEnvelope envelope, @JsonUnwrapped MessagePayload payload,
                      @JsonUnwrapped MessageDelivery delivery) {

    public static final String FROM_API = "api";
    public static final String FROM_PHONE = "phone";

    /** A message as first stored: not yet reacted to, edited or deleted. {@code mediaUrl}: the API path of its file. */
    public static Message fresh(String id, String waMessageId, String chat, String from, String pushName,
                                Direction direction, String origin, MessageContent content, String mediaUrl,
                                String quotedMessageId, List<String> mentions, MessageStatus status, Instant createdAt,
                                Instant updatedAt) {
        var envelope = new MessageEnvelope(id, waMessageId, chat, from, pushName, direction, origin, createdAt,
                Address.of(person(chat, from), null, null), false);
        var delivery = MessageDelivery.fresh(status, updatedAt);
        return new Message(envelope, MessagePayload.fresh(content, mediaUrl, quotedMessageId, mentions), delivery);
    }

    /**
     * The person a message is with: in a group its sender, else the chat. {@code jid}, {@code lid} and
     * {@code phoneNumber} in the JSON are that person's.
     */
    public static String person(String chat, String from) {
        return chat != null && chat.endsWith("@g.us") ? from : chat;
    }

    public Message withAddress(Address known) {
        return new Message(envelope.withAddress(known), payload, delivery);
    }

    /** This message with the caller's metadata and what WhatsApp shows about it. */
    public Message withExtras(Map<String, String> newMetadata, MessageTraits newTraits) {
        return new Message(envelope, payload.withExtras(newMetadata, newTraits), delivery);
    }

    /** This message as one of the phone's history ({@code past}), which arrived with a history sync, not live. */
    public Message asHistory(boolean past) {
        return new Message(envelope.asHistory(past), payload, delivery);
    }

    /** What the chat's row counts and shows of this message. */
    public ChatEntry asChatEntry() {
        return new ChatEntry(chat(), id(), createdAt(), type(), text(), fromMe());
    }

    public boolean fromMe() {
        return direction() == Direction.OUT;
    }

    // the parts' fields most callers read, named as in the JSON

    public String id() {
        return envelope.id();
    }

    public String waMessageId() {
        return envelope.waMessageId();
    }

    public String chat() {
        return envelope.chat();
    }

    public String from() {
        return envelope.from();
    }

    public Direction direction() {
        return envelope.direction();
    }

    public Instant createdAt() {
        return envelope.createdAt();
    }

    public MessageContent content() {
        return payload.content();
    }

    public String type() {
        return payload.content().type();
    }

    public String text() {
        return payload.content().text();
    }

    public MediaInfo media() {
        return payload.media();
    }

    public String quotedMessageId() {
        return payload.quotedMessageId();
    }

    public List<String> mentions() {
        return payload.mentions();
    }

    public Map<String, String> metadata() {
        return payload.metadata();
    }

    public MessageTraits traits() {
        return payload.traits();
    }

    public MessageStatus status() {
        return delivery.status();
    }

    public Instant deletedAt() {
        return delivery.deletedAt();
    }
}
