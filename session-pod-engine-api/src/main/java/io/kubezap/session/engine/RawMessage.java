package io.kubezap.session.engine;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.function.Supplier;

/**
 * WhatsApp's message as the engine received it, as JSON text (the WAMessage's {@code key}, {@code message},
 * {@code messageTimestamp} and {@code pushName}), for users who need fields the port does not map
 * ({@code spec.events.payload.raw}). Neutral: the adapters write it, nothing outside them reads an engine type. Written
 * only when asked ({@link #json()}), so a session that does not want it pays nothing; a message spooled while the
 * database is away keeps it as its text.
 */
public final class RawMessage {

    private final Supplier<String> writer;

    private RawMessage(Supplier<String> writer) {
        this.writer = writer;
    }

    /** Written by {@code writer} when first asked. */
    public static RawMessage lazily(Supplier<String> writer) {
        return new RawMessage(writer);
    }

    @JsonCreator
    public static RawMessage of(String json) {
        return new RawMessage(() -> json);
    }

    /** The JSON text of one object; null when the engine could not write it. */
    @JsonValue
    public String json() {
        return writer.get();
    }

    /** The same text (a message read back from the spool equals the one written to it). */
    @Override
    public boolean equals(Object other) {
        return other instanceof RawMessage raw && java.util.Objects.equals(json(), raw.json());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(json());
    }
}
