package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.kubezap.session.address.Address;

import java.time.Instant;

/**
 * What identifies and addresses a message. {@code id} is ours; {@code waMessageId} is WhatsApp's, once known.
 * {@code origin} says where an outgoing message was written: {@code api} (this pod) or {@code phone} (another of the
 * account's devices). {@code jid}, {@code lid} and {@code phoneNumber} ({@code address}) name the person it is with
 * (see {@link Message#person}), in both forms when known. {@code history} (shown only when true): the message came
 * with the phone's history sync, not live.
 */
public record MessageEnvelope(String id, String waMessageId, String chat, String from, String pushName,
                              Direction direction, String origin, Instant createdAt, @JsonUnwrapped Address address,
                              @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean history) {

    /** In a group, the member that wrote the message ({@code from}); null in a one-to-one chat. */
    @JsonProperty("participant")
    public String participant() {
        return chat != null && chat.endsWith("@g.us") ? from : null;
    }

    MessageEnvelope withAddress(Address known) {
        return new MessageEnvelope(id, waMessageId, chat, from, pushName, direction, origin, createdAt, known, history);
    }

    MessageEnvelope asHistory(boolean past) {
        return new MessageEnvelope(id, waMessageId, chat, from, pushName, direction, origin, createdAt, address, past);
    }
}
