package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** Lifecycle of a message; receipts only ever move an outgoing message forward (sent → delivered → read → played). */
public enum MessageStatus {
    RECEIVED(0), QUEUED(0), SENT(1), DELIVERED(2), READ(3), PLAYED(4), FAILED(0);

    private final int receiptRank;

    MessageStatus(int receiptRank) {
        this.receiptRank = receiptRank;
    }

    public boolean advancesFrom(MessageStatus current) {
        return receiptRank > current.receiptRank && current.receiptRank > 0;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<MessageStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }
}
