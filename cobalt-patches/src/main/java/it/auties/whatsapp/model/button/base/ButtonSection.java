package it.auties.whatsapp.model.button.base;

import it.auties.protobuf.annotation.ProtobufMessage;
import it.auties.protobuf.annotation.ProtobufProperty;
import it.auties.protobuf.model.ProtobufType;

import java.util.List;
import java.util.Objects;

/**
 * Replaces Cobalt 0.0.10's section of a list ({@code Message.ListMessage.Section}; same package, name and public
 * signatures; its generated spec and builder come from this one). Cobalt's refuses a section without a title, which
 * WhatsApp's model leaves optional (a list of one untitled section is common): such a list could not be built, and a
 * received one failed to decode whole. Here a missing title is left off the wire.
 */
@ProtobufMessage(name = "Message.ListMessage.Section")
public final class ButtonSection {
    @ProtobufProperty(index = 1, type = ProtobufType.STRING)
    final String title;

    @ProtobufProperty(index = 2, type = ProtobufType.MESSAGE)
    final List<ButtonRow> rows;

    ButtonSection(String title, List<ButtonRow> rows) {
        this.title = title;
        this.rows = Objects.requireNonNullElse(rows, List.of());
    }

    /** The section's title, or null when it has none. */
    public String title() {
        return title;
    }

    public List<ButtonRow> rows() {
        return rows;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ButtonSection section && Objects.equals(title, section.title) && Objects.equals(rows, section.rows);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, rows);
    }

    @Override
    public String toString() {
        return "ButtonSection[title=" + title + ", rows=" + rows + ']';
    }
}
