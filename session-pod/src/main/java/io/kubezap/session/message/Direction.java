package io.kubezap.session.message;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

public enum Direction {
    IN, OUT;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static Optional<Direction> fromWire(String value) {
        return Arrays.stream(values()).filter(d -> d.wire().equals(value)).findFirst();
    }
}
