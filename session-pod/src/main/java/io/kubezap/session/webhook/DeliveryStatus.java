package io.kubezap.session.webhook;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum DeliveryStatus {
    /** Waiting for its first or next attempt. */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Dead letter: the last allowed attempt failed; {@code POST .../retry} queues it again. */
    FAILED;

    @JsonValue
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
