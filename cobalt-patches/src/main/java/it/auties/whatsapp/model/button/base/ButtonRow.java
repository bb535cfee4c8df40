package it.auties.whatsapp.model.button.base;

import it.auties.protobuf.annotation.ProtobufMessage;
import it.auties.protobuf.annotation.ProtobufProperty;
import it.auties.protobuf.model.ProtobufType;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Replaces Cobalt 0.0.10's row of a list ({@code Message.ListMessage.Row}; same package, name and public signatures; its
 * generated spec and builder come from this one). Cobalt's refuses a row without a description, which WhatsApp's model
 * leaves optional: a list sent with such a row could not be built, and a received one failed to decode whole. Here only
 * the id is required; a missing title or description is left off the wire.
 */
@ProtobufMessage(name = "Message.ListMessage.Row")
public final class ButtonRow {
    private static final SecureRandom IDS = new SecureRandom();

    @ProtobufProperty(index = 1, type = ProtobufType.STRING)
    final String title;

    @ProtobufProperty(index = 2, type = ProtobufType.STRING)
    final String description;

    @ProtobufProperty(index = 3, type = ProtobufType.STRING)
    final String id;

    ButtonRow(String title, String description, String id) {
        this.title = title;
        this.description = description;
        this.id = id;
    }

    /** A row with a random id. */
    public static ButtonRow of(String title, String description) {
        var id = new byte[5];
        IDS.nextBytes(id);
        return new ButtonRow(title, description, HexFormat.of().formatHex(id));
    }

    /** The row's title, or null when it has none. */
    public String title() {
        return title;
    }

    /** The row's description, or null when it has none. */
    public String description() {
        return description;
    }

    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ButtonRow row && Objects.equals(title, row.title) && Objects.equals(description, row.description)
                && Objects.equals(id, row.id);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, description, id);
    }

    @Override
    public String toString() {
        return "ButtonRow[title=" + title + ", description=" + description + ", id=" + id + ']';
    }
}
